-- Account settings per account and region; the state column is the folded stream.
create table account_settings_view (
    stream_id  text primary key,
    account    text not null,
    region     text not null,
    state      text not null
);
