package io.berth.placement;

import io.berth.cql.ClusterQuery;

/**
 * The feasibility filters, in pipeline order. An instance is a candidate only if every filter
 * admits it; the first filter that does not is its rejection. The order matters for failures: the
 * closest instance is the one rejected by the latest filter, and its filter gives the ECS reason.
 */
public enum Filter {
    /** StartTask only: the listed instance is not in the cluster. */
    MISSING("MISSING") {
        @Override
        boolean admits(InstanceState instance, Check check) {
            return true;
        }
    },
    /** DRAINING instances take no new tasks; the reason text is {@code INACTIVE} (inferred). */
    STATUS("INACTIVE") {
        @Override
        boolean admits(InstanceState instance, Check check) {
            return instance.status() == InstanceStatus.ACTIVE;
        }
    },
    AGENT("AGENT") {
        @Override
        boolean admits(InstanceState instance, Check check) {
            return instance.agentConnected();
        }
    },
    /** The named capacity provider, else the launch type ({@code EXTERNAL} = ECS Anywhere). */
    CAPACITY_PROVIDER("EMPTY CAPACITY PROVIDER") {
        @Override
        boolean admits(InstanceState instance, Check check) {
            PlacementRequest r = check.request();
            if (r.capacityProvider().isPresent()) {
                return r.capacityProvider().equals(instance.capacityProviderName());
            }
            return r.launchType().map(lt -> lt.equalsIgnoreCase(instance.launchType())).orElse(true);
        }
    },
    CPU("RESOURCE:CPU") {
        @Override
        boolean admits(InstanceState instance, Check check) {
            return instance.remainingCpu() >= check.request().cpu();
        }
    },
    MEMORY("RESOURCE:MEMORY") {
        @Override
        boolean admits(InstanceState instance, Check check) {
            return instance.remainingMemory() >= check.request().memory();
        }
    },
    PORTS("RESOURCE:PORTS") {
        @Override
        boolean admits(InstanceState instance, Check check) {
            for (Integer port : check.request().tcpPorts()) {
                if (instance.reservedTcpPorts().contains(port)) {
                    return false;
                }
            }
            return true;
        }
    },
    PORTS_UDP("RESOURCE:PORTS_UDP") {
        @Override
        boolean admits(InstanceState instance, Check check) {
            for (Integer port : check.request().udpPorts()) {
                if (instance.reservedUdpPorts().contains(port)) {
                    return false;
                }
            }
            return true;
        }
    },
    /** Enough free ports left in the ephemeral range for the dynamic host ports. */
    DYNAMIC_PORTS("RESOURCE:PORTS") {
        @Override
        boolean admits(InstanceState instance, Check check) {
            int needed = check.request().dynamicPorts();
            if (needed == 0) {
                return true;
            }
            long staticInRange = check.request().tcpPorts().stream().filter(InstanceState::ephemeral).count();
            return InstanceState.EPHEMERAL_SIZE - instance.ephemeralTcpInUse() - staticInRange >= needed;
        }
    },
    ATTRIBUTE("ATTRIBUTE") {
        @Override
        boolean admits(InstanceState instance, Check check) {
            for (RequiredAttribute required : check.request().requiresAttributes()) {
                if (!required.satisfiedBy(instance)) {
                    return false;
                }
            }
            return true;
        }
    },
    MEMBER_OF("MemberOf placement constraint unsatisfied.") {
        @Override
        boolean admits(InstanceState instance, Check check) {
            for (ClusterQuery query : check.memberOf()) {
                if (!query.matches(instance)) {
                    return false;
                }
            }
            return true;
        }
    },
    DISTINCT_INSTANCE("DistinctInstance placement constraint unsatisfied.") {
        @Override
        boolean admits(InstanceState instance, Check check) {
            return !check.distinctInstance() || instance.groupCount(check.group()) == 0;
        }
    };

    private static final Filter[] PIPELINE = values();

    private final String reason;

    Filter(String reason) {
        this.reason = reason;
    }

    /** The ECS failure {@code reason} for an instance this filter rejected. */
    public String reason() {
        return reason;
    }

    abstract boolean admits(InstanceState instance, Check check);

    /** The first filter that rejects the instance, or null when it is a candidate. */
    static Filter firstRejection(InstanceState instance, Check check) {
        for (Filter filter : PIPELINE) {
            if (!filter.admits(instance, check)) {
                return filter;
            }
        }
        return null;
    }
}
