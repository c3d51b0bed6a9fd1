-- Capacity providers as DescribeCapacityProviders shows them; the state column is the folded stream.
create table capacity_provider_view (
    capacity_provider_arn  text primary key,
    account                text not null,
    region                 text not null,
    name                   text not null,
    status                 text not null,
    state                  text not null
);

create index capacity_provider_view_account on capacity_provider_view (account, region, name);
