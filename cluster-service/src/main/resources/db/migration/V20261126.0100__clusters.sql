-- Clusters as DescribeClusters shows them (projection of the cluster streams).
create table cluster_view (
    cluster_arn                 text primary key,
    account                     text not null,
    region                      text not null,
    cluster_name                text not null,
    status                      text not null,
    settings                    text not null,
    configuration               text,
    service_connect_defaults    text,
    capacity_providers          text not null,
    default_strategy            text not null,
    tags                        text not null
);

create index cluster_view_account on cluster_view (account, region, cluster_name);

-- What the cluster holds, from the other services' events; not part of the cluster stream, so a
-- rebuild of cluster_view leaves it alone.
create table cluster_contents (
    cluster_arn                       text primary key,
    registered_container_instances    int not null default 0,
    running_tasks                     int not null default 0,
    pending_tasks                     int not null default 0,
    active_services                   int not null default 0
);

-- The last known status of every task, so running and pending counts follow task reports.
create table cluster_task_status (
    task_arn      text primary key,
    cluster_arn   text not null,
    last_status   text not null,
    version       bigint not null
);

create table cluster_instance (
    container_instance_arn  text primary key,
    cluster_arn             text not null
);

create table cluster_service (
    service_arn   text primary key,
    cluster_arn   text not null
);
