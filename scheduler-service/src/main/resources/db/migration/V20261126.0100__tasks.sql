-- Container instances as the scheduler needs them for placement, from berth.container-instance.events.
create table scheduler_instance (
    container_instance_arn  text primary key,
    cluster_arn             text not null,
    status                  text not null,
    agent_connected         boolean not null,
    registered_at           timestamptz not null,
    capacity_provider       text,
    cpu                     integer not null,
    memory                  integer not null,
    tcp_ports               text not null,
    udp_ports               text not null,
    attributes              text not null,
    version                 bigint not null
);

create index scheduler_instance_cluster on scheduler_instance (cluster_arn);

-- Tasks as DescribeTasks shows them: key columns for ListTasks plus the ECS Task document as JSON.
create table task_view (
    task_arn                text primary key,
    account                 text not null,
    region                  text not null,
    cluster_arn             text not null,
    container_instance_arn  text not null,
    family                  text not null,
    task_group              text not null,
    started_by              text,
    launch_type             text not null,
    desired_status          text not null,
    last_status             text not null,
    created_at              timestamptz not null,
    stopped_at              timestamptz,
    report_version          bigint not null,
    cpu                     integer not null,
    memory                  integer not null,
    tcp_ports               text not null,
    udp_ports               text not null,
    document                text not null,
    tags                    text not null,
    placement               text
);

create index task_view_cluster on task_view (cluster_arn, desired_status);
create index task_view_stopped on task_view (stopped_at) where stopped_at is not null;

-- RunTask clientToken: the same token and parameters answer the same tasks.
create table client_token (
    cluster_arn     text not null,
    token           text not null,
    request_hash    text not null,
    task_arns       text not null,
    failures        text not null,
    primary key (cluster_arn, token)
);

-- The fencing epoch of each partition of berth.scheduler.commands: bumped by the instance that is
-- assigned the partition; a write carrying an older epoch is refused.
create table partition_owner (
    topic_partition integer primary key,
    epoch           bigint not null,
    owner           text not null
);
