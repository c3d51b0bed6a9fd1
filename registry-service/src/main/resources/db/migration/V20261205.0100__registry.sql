-- Projections of the repository streams (event store in db/eventstore): one row per repository,
-- one per image, one per tag, the digests each image names, and each image's latest scan.
create table repository_view (
    repository_arn text primary key,
    account text not null,
    region text not null,
    repository_name text not null,
    -- The repository's settings and policies as its decider folds them (images are in image_view).
    state text not null
);
create unique index repository_view_by_name on repository_view (account, region, repository_name);

create table image_view (
    repository_arn text not null,
    image_digest text not null,
    account text not null,
    region text not null,
    image_manifest_media_type text not null,
    artifact_media_type text,
    image_size_in_bytes bigint not null,
    pushed_at timestamptz not null,
    -- Position in the repository's stream: the order of ListImages and DescribeImages.
    seq bigint not null,
    primary key (repository_arn, image_digest)
);

create table image_tag_view (
    repository_arn text not null,
    image_tag text not null,
    image_digest text not null,
    primary key (repository_arn, image_tag)
);
create index image_tag_view_by_image on image_tag_view (repository_arn, image_digest);

create table image_reference_view (
    repository_arn text not null,
    image_digest text not null,
    reference_digest text not null,
    primary key (repository_arn, image_digest, reference_digest)
);
create index image_reference_view_by_reference on image_reference_view (reference_digest);

create table image_scan_view (
    repository_arn text not null,
    image_digest text not null,
    status text not null,
    description text,
    completed_at timestamptz,
    packages text not null,
    primary key (repository_arn, image_digest)
);

-- Content, not aggregates: blobs on disk by digest (shared by every repository and account), the
-- repositories each may be served from, uploads in progress, and the key that signs tokens.
create table registry_blob (
    digest text primary key,
    size bigint not null,
    created_at timestamptz not null default now()
);

create table registry_repository_blob (
    repository_arn text not null,
    digest text not null references registry_blob (digest),
    linked_at timestamptz not null default now(),
    primary key (repository_arn, digest)
);
create index registry_repository_blob_by_digest on registry_repository_blob (digest);

create table registry_upload (
    upload_id uuid primary key,
    repository_arn text not null,
    size bigint not null default 0,
    started_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);

create table lifecycle_preview (
    repository_arn text primary key,
    lifecycle_policy_text text not null,
    status text not null,
    results text not null,
    created_at timestamptz not null default now()
);

create table registry_signing_key (
    id int primary key check (id = 1),
    secret bytea not null
);
