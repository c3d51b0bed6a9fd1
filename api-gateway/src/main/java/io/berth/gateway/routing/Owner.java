package io.berth.gateway.routing;

/** The services that own resources and answer the ECS operations about them. */
public enum Owner {
    CLUSTER_SERVICE,
    SCHEDULER_SERVICE,
    AGENT_SERVICE,
    SCALING_SERVICE
}
