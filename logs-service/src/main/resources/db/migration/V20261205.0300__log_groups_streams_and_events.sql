-- Log groups and streams: the projection of their event streams. A group's or stream's key is the id of the event
-- that created it, so a group deleted and created again is a new group, and a rebuilt projection has the same keys.
create table log_group (
    group_key            uuid     primary key,
    arn                  text     not null unique,
    account              text     not null,
    region               text     not null,
    name                 text     not null,
    incarnation          bigint   not null,
    creation_time        bigint   not null,
    retention_days       int,
    log_group_class      text     not null,
    kms_key_id           text,
    deletion_protection  boolean  not null,
    tags                 text     not null
);

create index log_group_by_account on log_group (account, region, name);

create table log_stream (
    stream_key     uuid    primary key,
    group_key      uuid    not null references log_group on delete cascade,
    name           text    not null,
    creation_time  bigint  not null,
    unique (group_key, name)
);

-- What PutLogEvents keeps up to date for DescribeLogStreams, apart from the projection so that neither overwrites
-- the other; a row of a deleted stream is removed by the sweeper.
create table log_stream_stats (
    stream_key       uuid    primary key,
    first_event      bigint,
    last_event       bigint,
    last_ingestion   bigint,
    stored_bytes     bigint  not null default 0
);

-- The log events: append-only, written in batches, read by stream or by group in (timestamp, sequence) order.
-- The sequence orders events of equal timestamp as they were ingested and is the event's id.
create sequence log_event_seq;

create table log_event (
    group_key       uuid    not null,
    stream_key      uuid    not null,
    ts              bigint  not null,
    seq             bigint  not null default nextval('log_event_seq'),
    ingestion_time  bigint  not null,
    message         text    not null
);

create index log_event_by_stream on log_event (stream_key, ts, seq);
create index log_event_by_group on log_event (group_key, ts, seq);

-- Groups and streams deleted whose events the sweeper has still to remove.
create table log_removed (
    removed_key  uuid         primary key,
    kind         text         not null,
    removed_at   timestamptz  not null default now()
);
