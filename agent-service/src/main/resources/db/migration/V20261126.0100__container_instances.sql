-- The clusters the agent-service has heard of, from berth.cluster.events (it does not own them).
create table known_cluster (
    cluster_arn  text primary key,
    status       text not null
);

-- Container instances as DescribeContainerInstances shows them; state is the folded stream.
create table container_instance_view (
    container_instance_arn  text primary key,
    account                 text not null,
    region                  text not null,
    cluster_arn             text not null,
    status                  text not null,
    version                 bigint not null,
    registered_at           timestamptz not null,
    state                   text not null
);

create index container_instance_view_cluster on container_instance_view (cluster_arn, status);
