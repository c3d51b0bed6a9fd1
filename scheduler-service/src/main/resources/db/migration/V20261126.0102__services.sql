-- Services as DescribeServices shows them: key columns plus the service's state (spec, deployments,
-- events) as JSON. A deleted name can be created again, so the row is replaced then.
create table service_view (
    service_arn          text primary key,
    account              text not null,
    region               text not null,
    cluster_arn          text not null,
    service_name         text not null,
    status               text not null,
    launch_type          text,
    scheduling_strategy  text not null,
    client_token         text,
    state                text not null
);

create index service_view_cluster on service_view (cluster_arn, status);

-- The task definition revisions services run, as the commands brought them (revisions are immutable).
create table service_task_definition (
    task_definition_arn  text primary key,
    definition           text not null
);
