package io.berth.placement;

import io.berth.ecs.EcsErrors;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What to place: the reservation of one task, the constraints and strategies, the task group, how
 * many tasks, where they may go, and the seed of the pick. Validated on construction with the ECS
 * limits; errors are {@code InvalidParameterException}s.
 *
 * @param cpu CPU units each task reserves
 * @param memory MiB each task reserves
 * @param tcpPorts static TCP host ports of each task
 * @param udpPorts static UDP host ports of each task
 * @param dynamicPorts how many host ports each task needs from the ephemeral range
 * @param strategies as given; empty means the defaults of {@link #effectiveStrategies()}
 * @param group the task group, e.g. {@code service:web} or {@code family:batch}
 * @param count tasks to place, 1–10; with explicit {@code instances} one per listed instance
 * @param launchType {@code EC2} or {@code EXTERNAL}, when no capacity provider is named
 * @param capacityProvider only instances of this capacity provider
 * @param instances StartTask's explicit instance ARNs; no strategies then
 * @param seed the seed of the random strategy and of the tie-breaking pick
 */
public record PlacementRequest(
        int cpu,
        int memory,
        Set<Integer> tcpPorts,
        Set<Integer> udpPorts,
        int dynamicPorts,
        List<RequiredAttribute> requiresAttributes,
        List<Constraint> constraints,
        List<Strategy> strategies,
        Optional<String> group,
        int count,
        Optional<String> launchType,
        Optional<String> capacityProvider,
        List<String> instances,
        long seed) {

    public static final int MAX_STRATEGIES = 5;
    public static final int MAX_CONSTRAINTS = 10;
    public static final int MAX_COUNT = 10;
    public static final int MAX_START_TASK_INSTANCES = 10;
    public static final String SERVICE_GROUP_PREFIX = "service:";

    public PlacementRequest {
        tcpPorts = Set.copyOf(tcpPorts);
        udpPorts = Set.copyOf(udpPorts);
        requiresAttributes = List.copyOf(requiresAttributes);
        constraints = List.copyOf(constraints);
        strategies = List.copyOf(strategies);
        instances = List.copyOf(instances);
        if (cpu < 0 || memory < 0 || dynamicPorts < 0) {
            throw EcsErrors.invalidParameter("Task cpu, memory and port counts can not be negative.");
        }
        if (strategies.size() > MAX_STRATEGIES) {
            throw EcsErrors.invalidParameter(
                    "Too many placement strategies. A maximum of " + MAX_STRATEGIES + " strategies is allowed.");
        }
        if (constraints.size() > MAX_CONSTRAINTS) {
            throw EcsErrors.invalidParameter(
                    "Too many placement constraints. A maximum of " + MAX_CONSTRAINTS + " constraints is allowed.");
        }
        if (instances.isEmpty() && (count < 1 || count > MAX_COUNT)) {
            throw EcsErrors.invalidParameter("count must be between 1 and " + MAX_COUNT + ".");
        }
        if (!instances.isEmpty()) {
            if (instances.size() > MAX_START_TASK_INSTANCES) {
                throw EcsErrors.invalidParameter("containerInstances can have at most "
                        + MAX_START_TASK_INSTANCES + " instances.");
            }
            if (!strategies.isEmpty()) {
                throw EcsErrors.invalidParameter("Placement strategies can not be used with containerInstances.");
            }
            count = instances.size();
        }
        if (group.isPresent() && (group.get().isEmpty() || group.get().length() > 255)) {
            throw EcsErrors.invalidParameter("group must be 1 to 255 characters long.");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The strategies the engine applies: the given ones, or the defaults: for a service's tasks
     * spread over availability zones, then over instances (fewest tasks of the service); for
     * standalone tasks random.
     */
    public List<Strategy> effectiveStrategies() {
        return strategies.isEmpty() ? defaultStrategies(group) : strategies;
    }

    /** The strategies for a group when none are given; see {@link #effectiveStrategies()}. */
    public static List<Strategy> defaultStrategies(Optional<String> group) {
        if (group.filter(g -> g.startsWith(SERVICE_GROUP_PREFIX)).isPresent()) {
            return List.of(Strategy.spreadAttribute(InstanceState.AVAILABILITY_ZONE), Strategy.spreadInstances());
        }
        return List.of(Strategy.random());
    }

    /** Builds a request; defaults: one task, nothing reserved, no constraints, seed 0. */
    public static final class Builder {
        private int cpu;
        private int memory;
        private final Set<Integer> tcpPorts = new LinkedHashSet<>();
        private final Set<Integer> udpPorts = new LinkedHashSet<>();
        private int dynamicPorts;
        private final List<RequiredAttribute> requiresAttributes = new ArrayList<>();
        private final List<Constraint> constraints = new ArrayList<>();
        private final List<Strategy> strategies = new ArrayList<>();
        private String group;
        private int count = 1;
        private String launchType;
        private String capacityProvider;
        private final List<String> instances = new ArrayList<>();
        private long seed;

        private Builder() {
        }

        public Builder cpu(int value) {
            this.cpu = value;
            return this;
        }

        public Builder memory(int value) {
            this.memory = value;
            return this;
        }

        public Builder tcpPort(int port) {
            this.tcpPorts.add(port);
            return this;
        }

        public Builder udpPort(int port) {
            this.udpPorts.add(port);
            return this;
        }

        public Builder dynamicPorts(int value) {
            this.dynamicPorts = value;
            return this;
        }

        public Builder requiresAttribute(RequiredAttribute attribute) {
            this.requiresAttributes.add(attribute);
            return this;
        }

        public Builder constraint(Constraint constraint) {
            this.constraints.add(constraint);
            return this;
        }

        /** A constraint as the API gives it; see {@link Constraint#of}. */
        public Builder constraint(String type, String expression) {
            return constraint(Constraint.of(type, expression));
        }

        public Builder strategy(Strategy strategy) {
            this.strategies.add(strategy);
            return this;
        }

        /** A strategy as the API gives it; see {@link Strategy#of}. */
        public Builder strategy(String type, String field) {
            return strategy(Strategy.of(type, field));
        }

        public Builder group(String value) {
            this.group = value;
            return this;
        }

        public Builder count(int value) {
            this.count = value;
            return this;
        }

        public Builder launchType(String value) {
            this.launchType = value;
            return this;
        }

        public Builder capacityProvider(String value) {
            this.capacityProvider = value;
            return this;
        }

        public Builder instance(String arn) {
            this.instances.add(arn);
            return this;
        }

        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        public PlacementRequest build() {
            return new PlacementRequest(cpu, memory, tcpPorts, udpPorts, dynamicPorts, requiresAttributes,
                    constraints, strategies, Optional.ofNullable(group), count, Optional.ofNullable(launchType),
                    Optional.ofNullable(capacityProvider), instances, seed);
        }
    }
}
