-- What an agent whose containers outlive it (the docker runtime) needs to take its tasks back after
-- a restart of this service: the task definition as placed (host ports assigned), the RunTask
-- overrides, and whom the task's reports belong to. Null for tasks of other agents.
alter table instance_task add column task_definition text;
alter table instance_task add column overrides text;
alter table instance_task add column account text;
alter table instance_task add column region text;
