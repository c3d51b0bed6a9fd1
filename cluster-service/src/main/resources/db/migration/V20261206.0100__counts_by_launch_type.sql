-- DescribeClusters' statistics split tasks and services by launch type (issue 18): the Fargate part
-- of each count, and what the consumer needs to know which part a task or service is in.
alter table cluster_contents
    add column running_fargate_tasks   int not null default 0,
    add column pending_fargate_tasks   int not null default 0,
    add column active_fargate_services int not null default 0;

-- Null until the task's placement is seen (its agent's reports may come first); then its launch type.
alter table cluster_task_status add column launch_type text;

alter table cluster_service add column fargate boolean not null default false;
