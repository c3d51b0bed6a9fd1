-- One database per service: each service owns its event store and projections.
-- PostgreSQL runs this once, when it initialises an empty data directory.
-- k8s/postgres.yaml carries the same script in its postgres-init ConfigMap.
CREATE DATABASE berth_gateway;
CREATE DATABASE berth_cluster;
CREATE DATABASE berth_scheduler;
CREATE DATABASE berth_agent;
CREATE DATABASE berth_scaling;
CREATE DATABASE berth_registry;
