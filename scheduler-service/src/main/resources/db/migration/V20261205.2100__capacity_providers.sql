-- Capacity providers and the clusters' associations as the scheduler needs them to let tasks wait
-- for capacity and to measure CapacityProviderReservation (ADR 0039), from the cluster-service's events.
create table scheduler_capacity_provider (
    capacity_provider_arn           text primary key,
    name                            text not null,
    auto_scaling_group_arn          text,
    managed_scaling_status          text not null,
    target_capacity                 integer not null,
    minimum_scaling_step_size       integer not null,
    maximum_scaling_step_size       integer not null,
    instance_warmup_period          integer not null,
    managed_termination_protection  text not null,
    version                         bigint not null
);

create table scheduler_cluster_capacity_providers (
    cluster_arn         text primary key,
    capacity_providers  text not null,
    version             bigint not null
);

-- The last CapacityProviderReservation written per cluster and provider: a measurement is written
-- again when it changes, or once a period.
create table scheduler_capacity_measurement (
    cluster_arn             text not null,
    capacity_provider_name  text not null,
    instances_needed        integer not null,
    instances_running       integer not null,
    reservation             integer not null,
    provisioning_tasks      integer not null,
    empty_instances         text not null,
    measured_at             timestamptz not null,
    primary key (cluster_arn, capacity_provider_name)
);

-- The EC2 instance id a scale-in names its candidates by.
alter table scheduler_instance add column ec2_instance_id text;

-- Tasks waiting for capacity are looked up per cluster in creation order.
create index task_view_awaiting on task_view (cluster_arn, created_at)
    where last_status = 'PROVISIONING' and container_instance_arn is null;
