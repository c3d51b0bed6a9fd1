-- Capacity-provider managed scaling (ADR 0039): the providers' settings from the cluster-service's
-- events, what the target tracking policy remembers per cluster and provider, and each
-- CapacityProviderReservation measurement with the decision it led to, for /v1.
create table managed_scaling_provider (
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

create table managed_scaling_state (
    cluster_arn             text not null,
    capacity_provider_name  text not null,
    below_target_since      timestamptz,
    last_scale_out_at       timestamptz,
    last_scale_in_at        timestamptz,
    last_desired            integer not null,
    primary key (cluster_arn, capacity_provider_name)
);

create table capacity_measurement (
    event_id                uuid primary key,
    cluster_arn             text not null,
    capacity_provider_name  text not null,
    instances_needed        integer not null,
    instances_running       integer not null,
    reservation             integer not null,
    provisioning_tasks      integer not null,
    empty_instances         text not null,
    measured_at             timestamptz not null,
    desired_capacity        integer,
    reason                  text not null
);
create index capacity_measurement_provider on capacity_measurement (cluster_arn, capacity_provider_name, measured_at);
