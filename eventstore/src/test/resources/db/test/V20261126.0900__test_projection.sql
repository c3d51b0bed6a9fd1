create table test_cluster_view (
    cluster_arn     text primary key,
    status          text not null,
    settings_count  int  not null,
    updates         int  not null
);

create table test_effect (
    event_id  uuid not null,
    consumer  text not null
);
