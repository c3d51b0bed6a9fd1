-- Tasks placed on this service's container instances, until they stop: what they hold (for the
-- remaining resources and task counts of DescribeContainerInstances) and their last reported status.
create table instance_task (
    task_arn                text primary key,
    container_instance_arn  text not null,
    cluster_arn             text not null,
    cpu                     integer not null,
    memory                  integer not null,
    tcp_ports               text not null,
    udp_ports               text not null,
    last_status             text not null
);

create index instance_task_instance on instance_task (container_instance_arn);

-- The node agents this service hosts itself (a simulated fleet, the process runtime); instances
-- registered through RegisterContainerInstance by someone else have no row: their agent is external.
create table hosted_agent (
    container_instance_arn  text primary key,
    cluster_arn             text not null,
    account                 text not null,
    region                  text not null,
    runtime                 text not null,
    instance_type           text not null
);
