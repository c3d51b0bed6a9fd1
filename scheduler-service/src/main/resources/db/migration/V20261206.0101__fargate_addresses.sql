-- The private addresses of live Fargate tasks (ADR 0043): the key keeps an address to one task of its
-- subnet whichever scheduler instance places it and across restarts; a task's stop deletes its row.
create table fargate_address (
    subnet_id   text not null,
    address     text not null,
    task_arn    text not null,
    account     text not null,
    primary key (subnet_id, address)
);

create index fargate_address_task on fargate_address (task_arn);

-- The addresses the live Fargate tasks hold already.
insert into fargate_address (subnet_id, address, task_arn, account)
select distinct on (subnet_id, address) subnet_id, address, task_arn, account from (
    select t.task_arn, t.account,
           (select d ->> 'value' from json_array_elements(a -> 'details') d where d ->> 'name' = 'subnetId') as subnet_id,
           (select d ->> 'value' from json_array_elements(a -> 'details') d
             where d ->> 'name' = 'privateIPv4Address') as address
      from task_view t, json_array_elements(t.document::json -> 'attachments') a
     where t.launch_type = 'FARGATE' and t.last_status <> 'STOPPED'
) held
where subnet_id is not null and address is not null
order by subnet_id, address, task_arn;
