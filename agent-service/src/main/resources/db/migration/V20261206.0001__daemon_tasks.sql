-- Which tasks are a daemon service's, so that managed draining waits for the other tasks only and
-- stops the daemon tasks last (ADR 0042): each task's group, and the clusters' DAEMON services.
alter table instance_task add column task_group text;

create table daemon_service (
    service_arn   text primary key,
    cluster_arn   text not null,
    task_group    text not null
);
create index daemon_service_cluster on daemon_service (cluster_arn, task_group);
