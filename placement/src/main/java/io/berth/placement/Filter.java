package io.berth.placement;

import io.berth.cql.ClusterQuery;

import java.util.List;

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
            return r.launchType().isEmpty() || r.launchType().get().equalsIgnoreCase(instance.launchType());
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
            for (Integer port : check.tcpPorts()) {
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
            for (Integer port : check.udpPorts()) {
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
            int staticInRange = check.staticEphemeral();
            return InstanceState.EPHEMERAL_SIZE - instance.ephemeralTcpInUse() - staticInRange >= needed;
        }
    },
    ATTRIBUTE("ATTRIBUTE") {
        @Override
        boolean admits(InstanceState instance, Check check) {
            List<RequiredAttribute> required = check.request().requiresAttributes();
            for (int i = 0; i < required.size(); i++) {
                if (!required.get(i).satisfiedBy(instance)) {
                    return false;
                }
            }
            return true;
        }
    },
    MEMBER_OF("MemberOf placement constraint unsatisfied.") {
        @Override
        boolean admits(InstanceState instance, Check check) {
            List<ClusterQuery> queries = check.memberOf();
            for (int i = 0; i < queries.size(); i++) {
                if (!queries.get(i).matches(instance)) {
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

    /** How many filters there are. */
    static final int COUNT = PIPELINE.length;

    private final String reason;

    Filter(String reason) {
        this.reason = reason;
    }

    /** The ECS failure {@code reason} for an instance this filter rejected. */
    public String reason() {
        return reason;
    }

    abstract boolean admits(InstanceState instance, Check check);

    /**
     * The first filter that rejects the instance, or null when it is a candidate. The pipeline
     * spelled out (MISSING admits every instance it is asked about): each call has a constant
     * receiver, so the compiler can inline the whole pipeline where a loop over the filters would
     * make one megamorphic call per filter. {@link #firstRejectionInOrder} is the plain loop; the
     * tests check that both agree.
     */
    static Filter firstRejection(InstanceState instance, Check check) {
        if (!STATUS.admits(instance, check)) {
            return STATUS;
        }
        if (!AGENT.admits(instance, check)) {
            return AGENT;
        }
        if (!CAPACITY_PROVIDER.admits(instance, check)) {
            return CAPACITY_PROVIDER;
        }
        if (!CPU.admits(instance, check)) {
            return CPU;
        }
        if (!MEMORY.admits(instance, check)) {
            return MEMORY;
        }
        if (!PORTS.admits(instance, check)) {
            return PORTS;
        }
        if (!PORTS_UDP.admits(instance, check)) {
            return PORTS_UDP;
        }
        if (!DYNAMIC_PORTS.admits(instance, check)) {
            return DYNAMIC_PORTS;
        }
        if (!ATTRIBUTE.admits(instance, check)) {
            return ATTRIBUTE;
        }
        if (!MEMBER_OF.admits(instance, check)) {
            return MEMBER_OF;
        }
        if (!DISTINCT_INSTANCE.admits(instance, check)) {
            return DISTINCT_INSTANCE;
        }
        return null;
    }

    /** The definition of {@link #firstRejection}: every filter in declaration order. */
    static Filter firstRejectionInOrder(InstanceState instance, Check check) {
        for (Filter filter : PIPELINE) {
            if (!filter.admits(instance, check)) {
                return filter;
            }
        }
        return null;
    }
}
