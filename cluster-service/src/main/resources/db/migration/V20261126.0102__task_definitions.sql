-- Task definition revisions as DescribeTaskDefinition shows them.
create table task_definition_view (
    task_definition_arn  text primary key,
    account              text not null,
    region               text not null,
    family               text not null,
    revision             int  not null,
    status               text not null,
    definition           text not null,
    tags                 text not null
);

create index task_definition_view_family on task_definition_view (account, region, family, revision);
