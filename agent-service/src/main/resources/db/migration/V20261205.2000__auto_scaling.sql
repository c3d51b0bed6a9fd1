-- EC2 launch templates and Auto Scaling groups (ADR 0038): projections of their streams, the folded
-- state as JSON beside the columns they are looked up by.
create table launch_template_view (
    stream_id           text primary key,
    launch_template_id  text not null unique,
    name                text not null,
    account             text not null,
    region              text not null,
    version             bigint not null,
    state               text not null
);

create table auto_scaling_group_view (
    stream_id  text primary key,
    arn        text not null,
    name       text not null,
    account    text not null,
    region     text not null,
    version    bigint not null,
    state      text not null
);

create index auto_scaling_group_view_account on auto_scaling_group_view (account, region, name);

-- The scaling activities of the groups, newest first in DescribeScalingActivities.
create table auto_scaling_activity (
    activity_id    text primary key,
    group_arn      text not null,
    group_name     text not null,
    account        text not null,
    region         text not null,
    description    text not null,
    cause          text not null,
    start_time     timestamp with time zone not null,
    end_time       timestamp with time zone,
    status_code    text not null,
    progress       integer not null
);

create index auto_scaling_activity_group on auto_scaling_activity (group_arn, start_time);

-- Capacity providers backed by Auto Scaling groups, learned from the cluster-service: which provider a
-- group's instances register with, and whether it drains them before they terminate.
create table capacity_provider_group (
    capacity_provider_arn  text primary key,
    name                   text not null,
    account                text not null,
    region                 text not null,
    auto_scaling_group     text not null,
    managed_draining       boolean not null
);
