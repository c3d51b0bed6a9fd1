-- A Fargate task runs on the serverless pool, not on a container instance (ADR 0031).
alter table task_view alter column container_instance_arn drop not null;
