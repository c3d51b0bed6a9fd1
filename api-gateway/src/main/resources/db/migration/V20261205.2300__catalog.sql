-- What the gateway knows of clusters and task definitions from the cluster-service's events, to
-- validate and route scheduler commands and reads without asking the owner (ADR 0036).
create table gateway_cluster (
    cluster_arn        text primary key,
    status             text not null,
    capacity_providers text not null,
    default_strategy   text not null
);

-- One row per revision, as DescribeTaskDefinition shows it.
create table gateway_task_definition (
    task_definition_arn text    primary key,
    family_arn          text    not null,
    revision            integer not null,
    status              text    not null,
    definition          text    not null,
    tags                text    not null
);

-- A bare family names its latest ACTIVE revision.
create index gateway_task_definition_active on gateway_task_definition (family_arn, revision desc)
    where status = 'ACTIVE';
