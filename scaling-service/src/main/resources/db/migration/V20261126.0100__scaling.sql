-- Scalable targets as DescribeScalableTargets, DescribeScalingPolicies and DescribeScheduledActions show
-- them; the state column is the folded stream (registration, policies, scheduled actions, cooldowns).
create table scalable_target_view (
    stream_key           text primary key,
    scalable_target_arn  text not null unique,
    account              text not null,
    region               text not null,
    service_namespace    text not null,
    resource_id          text not null,
    scalable_dimension   text not null,
    cluster_arn          text not null,
    service_arn          text not null,
    state                text not null
);
create index scalable_target_view_account on scalable_target_view (account, region, service_namespace, resource_id);
create index scalable_target_view_service on scalable_target_view (service_arn);

-- Scaling activities, newest first by start time.
create table scaling_activity (
    activity_id          text primary key,
    stream_key           text not null,
    account              text not null,
    region               text not null,
    service_namespace    text not null,
    resource_id          text not null,
    scalable_dimension   text not null,
    description          text not null,
    cause                text not null,
    status_code          text not null,
    status_message       text,
    start_time           timestamptz not null,
    end_time             timestamptz,
    not_scaled_reasons   text
);
create index scaling_activity_target on scaling_activity (account, region, service_namespace, start_time desc);

-- The next run of every scheduled action; the runner reads the due ones.
create table scheduled_action_due (
    id                   text primary key,
    stream_key           text not null,
    name                 text not null,
    next_run_at          timestamptz not null
);
create index scheduled_action_due_next on scheduled_action_due (next_run_at);

-- The ECS services the scaling service may scale, from the scheduler's service events.
create table scaling_service (
    service_arn          text primary key,
    cluster_arn          text not null,
    account              text not null,
    region               text not null,
    desired_count        integer not null,
    status               text not null,
    deployments          text not null
);
