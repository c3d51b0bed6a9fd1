-- Reset of an account, or of every account (ADR 0034). What each writer had put on its topics when
-- the reset happened: its events of that account up to this outbox position are forgotten by every
-- consumer, even those still in flight on Kafka. account '*' stands for every account.
create table es_reset_fence (
    account   text    not null,
    writer    text    not null,
    position  bigint  not null,
    primary key (account, writer)
);
