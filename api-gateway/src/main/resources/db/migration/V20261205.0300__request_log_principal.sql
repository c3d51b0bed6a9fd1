-- Who made a request beyond its account: the access key, and for credentials a Berth agent issued to a task, the
-- role and the task (read from the session token). /v1/requests lists a task's requests by the latter.
alter table gateway_request_log add column access_key_id text;
alter table gateway_request_log add column role_arn text;
alter table gateway_request_log add column task_arn text;

create index gateway_request_log_task on gateway_request_log (task_arn, received_at) where task_arn is not null;
