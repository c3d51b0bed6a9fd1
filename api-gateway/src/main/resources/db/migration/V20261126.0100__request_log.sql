-- Every request the gateway answered: the one durable thing the gateway owns.
create table gateway_request_log (
    request_id   uuid         primary key,
    received_at  timestamptz  not null,
    protocol     text         not null,
    operation    text         not null,
    account      text         not null,
    region       text         not null,
    status       int          not null,
    error_code   text,
    duration_ms  int          not null
);

create index gateway_request_log_received_at on gateway_request_log (received_at);
