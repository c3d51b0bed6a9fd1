-- Read your writes (ADR 0033). What each outbox row must wait for before its consumer applies it
-- (the positions its writer's caller had pending), and, per consumed topic, writer and key, the
-- last outbox position this service applied, committed with the effects it caused.
alter table es_outbox add column awaits text;

create table es_applied_position (
    topic        text    not null,
    writer       text    not null,
    message_key  text    not null,
    position     bigint  not null,
    primary key (topic, writer, message_key)
);
