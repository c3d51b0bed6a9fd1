-- Tasks and services become event-sourced (ADR 0016): each one's stream is its source of truth and
-- task_view / service_view are projections of the streams, each row holding the stream version it
-- reflects. The events written so far lack members (times, zones, the whole service spec), so every
-- existing task and service gets one complete starting event, built from its row, at the end of its
-- stream: folding a stream starts over there. These events go to the event store only, never to
-- the outbox: nobody else needs them, and consumers have seen the rest already.

-- Tasks -------------------------------------------------------------------------------------------

alter table task_view add column version bigint;
alter table task_view add column capacity_provider text;
alter table task_view add column health_status text;
alter table task_view add column stop_code text;
alter table task_view add column started_at timestamptz;
-- The host ports the task holds, as its placement bound them (by protocol for the placement index).
alter table task_view add column port_bindings text;
-- Events written before today carry no time of their own; a task folded from them alone has none.
alter table task_view alter column created_at drop not null;

update task_view t set
    capacity_provider = t.document::json ->> 'capacityProviderName',
    health_status = t.document::json ->> 'healthStatus',
    stop_code = t.document::json ->> 'stopCode',
    started_at = to_timestamp((t.document::json ->> 'startedAt')::numeric),
    port_bindings = coalesce((select e.payload -> 'portBindings' from es_event e
                              where e.stream_id = t.task_arn and e.event_type = 'TaskPlaced'
                              order by e.version limit 1)::text, '[]');

alter table task_view alter column port_bindings set not null;
alter table task_view drop column tcp_ports;
alter table task_view drop column udp_ports;

insert into es_event (event_id, stream_type, stream_id, version, event_type, schema_version, account, region,
                      occurred_at, payload)
select gen_random_uuid(), 'task', t.task_arn,
       coalesce((select max(e.version) from es_event e where e.stream_id = t.task_arn), 0) + 1,
       'TaskImported', 1, t.account, t.region, now(),
       json_build_object('clusterArn', t.cluster_arn, 'taskArn', t.task_arn, 'task', t.document::json,
                         'tags', t.tags::json, 'portBindings', t.port_bindings::json,
                         'diagnostics', t.placement::json, 'reportVersion', t.report_version)
from task_view t;

update task_view t set version = (select max(e.version) from es_event e where e.stream_id = t.task_arn);
alter table task_view alter column version set not null;

-- Services ----------------------------------------------------------------------------------------

alter table service_view add column version bigint;

-- The service's state now carries the clientToken that created it, which the decider checks.
update service_view set state = (state::jsonb || jsonb_build_object('clientToken', client_token))::text;

insert into es_event (event_id, stream_type, stream_id, version, event_type, schema_version, account, region,
                      occurred_at, payload)
select gen_random_uuid(), 'service', s.service_arn,
       coalesce((select max(e.version) from es_event e where e.stream_id = s.service_arn), 0) + 1,
       'ServiceImported', 1, s.account, s.region, now(),
       json_build_object('clusterArn', s.cluster_arn, 'serviceArn', s.service_arn, 'state', s.state::json)
from service_view s;

update service_view s set version = (select max(e.version) from es_event e where e.stream_id = s.service_arn);
alter table service_view alter column version set not null;
