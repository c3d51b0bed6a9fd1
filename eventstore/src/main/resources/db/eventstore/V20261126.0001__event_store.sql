-- The event store, outbox, inbox and projection checkpoints shared by every Berth service.
-- Versions are dates so that these and each service's own migrations interleave in time order.

create table es_event (
    global_position  bigserial    primary key,
    event_id         uuid         not null unique,
    stream_type      text         not null,
    stream_id        text         not null,
    version          bigint       not null,
    event_type       text         not null,
    schema_version   int          not null,
    account          text,
    region           text,
    occurred_at      timestamptz  not null,
    correlation_id   uuid,
    causation_id     uuid,
    payload          jsonb        not null,
    -- Optimistic concurrency: two writers of one stream cannot both write the same version.
    constraint es_event_stream_version unique (stream_id, version)
);

create index es_event_stream_type on es_event (stream_type, global_position);

create table es_outbox (
    id            bigserial    primary key,
    topic         text         not null,
    message_key   text         not null,
    event_id      uuid         not null,
    event_type    text         not null,
    envelope      bytea        not null,
    created_at    timestamptz  not null default now(),
    published_at  timestamptz
);

create index es_outbox_unpublished on es_outbox (id) where published_at is null;
create index es_outbox_published_at on es_outbox (published_at) where published_at is not null;

create table es_inbox (
    consumer      text         not null,
    event_id      uuid         not null,
    processed_at  timestamptz  not null default now(),
    primary key (consumer, event_id)
);

create table es_projection_checkpoint (
    projection  text    not null,
    stream_id   text    not null,
    version     bigint  not null,
    primary key (projection, stream_id)
);
