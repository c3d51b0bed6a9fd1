-- Where the awslogs driver ships each container's output: the /v1 logs path reads it back from the log store,
-- after the task stopped as much as while it runs. Rows older than a week are pruned at start-up.
create table task_log (
    task_arn        text         not null,
    container_name  text         not null,
    region          text         not null,
    log_group       text         not null,
    log_stream      text         not null,
    opened_at       timestamptz  not null default now(),
    primary key (task_arn, container_name)
);

create index task_log_opened_at on task_log (opened_at);
