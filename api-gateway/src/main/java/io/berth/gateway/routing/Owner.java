package io.berth.gateway.routing;

import java.util.Locale;

/** The services that own resources and answer the API operations about them. */
public enum Owner {
    CLUSTER_SERVICE,
    SCHEDULER_SERVICE,
    AGENT_SERVICE,
    SCALING_SERVICE,
    REGISTRY_SERVICE;

    /** The module's name, as errors that name an owner spell it: {@code cluster-service}. */
    public String serviceName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
