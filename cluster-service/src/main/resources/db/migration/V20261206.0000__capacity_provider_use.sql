-- Which capacity provider each task and service of a cluster uses, so that PutClusterCapacityProviders
-- refuses to remove one still in use (ECS's ResourceInUseException).
alter table cluster_task_status add column capacity_provider text;
alter table cluster_service add column capacity_providers text[] not null default '{}';
