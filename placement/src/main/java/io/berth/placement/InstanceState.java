package io.berth.placement;

import io.berth.cql.QueryTarget;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One container instance as the placement engine sees it: registration data, what is left of its
 * resources, and how many tasks of each group it runs. Immutable; every change builds a new value,
 * which lets the engine keep a cheap working copy of the few instances a request touches.
 *
 * <p>Registered resources are what the agent declared (the registered ports are the agent's own,
 * e.g. 22, 2375, 2376, 51678, 51679); remaining resources and reserved ports are the registered
 * ones minus/plus the reservations of the tasks on the instance.
 */
public final class InstanceState implements QueryTarget {

    /** The built-in attribute ECS sets on instances registered with ECS Anywhere. */
    public static final String EXTERNAL_ATTRIBUTE = "ecs.capability.external";
    public static final String AVAILABILITY_ZONE = "ecs.availability-zone";
    public static final String INSTANCE_TYPE = "ecs.instance-type";

    /** The ephemeral range dynamic host ports are taken from (Linux default). */
    public static final int EPHEMERAL_FIRST = 32768;
    public static final int EPHEMERAL_LAST = 60999;
    public static final int EPHEMERAL_SIZE = EPHEMERAL_LAST - EPHEMERAL_FIRST + 1;

    private final String arn;
    private final Optional<String> ec2InstanceId;
    private final Instant registeredAt;
    private final InstanceStatus status;
    private final boolean agentConnected;
    private final Optional<String> agentVersion;
    private final Map<String, String> attributes;
    private final Optional<String> capacityProviderName;
    private final int registeredCpu;
    private final int registeredMemory;
    private final Set<Integer> registeredTcpPorts;
    private final Set<Integer> registeredUdpPorts;
    private final int remainingCpu;
    private final int remainingMemory;
    private final Set<Integer> reservedTcpPorts;
    private final Set<Integer> reservedUdpPorts;
    private final int runningTasksCount;
    private final Map<String, Integer> groupCounts;
    private final int ephemeralTcpInUse;

    private InstanceState(Builder b) {
        this.arn = Objects.requireNonNull(b.arn, "arn");
        this.ec2InstanceId = Optional.ofNullable(b.ec2InstanceId);
        this.registeredAt = b.registeredAt == null ? Instant.EPOCH : b.registeredAt;
        this.status = b.status == null ? InstanceStatus.ACTIVE : b.status;
        this.agentConnected = b.agentConnected;
        this.agentVersion = Optional.ofNullable(b.agentVersion);
        this.attributes = Map.copyOf(b.attributes);
        this.capacityProviderName = Optional.ofNullable(b.capacityProviderName);
        this.registeredCpu = b.registeredCpu;
        this.registeredMemory = b.registeredMemory;
        this.registeredTcpPorts = Set.copyOf(b.registeredTcpPorts);
        this.registeredUdpPorts = Set.copyOf(b.registeredUdpPorts);
        this.remainingCpu = b.remainingCpu == null ? b.registeredCpu : b.remainingCpu;
        this.remainingMemory = b.remainingMemory == null ? b.registeredMemory : b.remainingMemory;
        Set<Integer> tcp = new TreeSet<>(b.registeredTcpPorts);
        if (b.reservedTcpPorts != null) {
            tcp.addAll(b.reservedTcpPorts);
        }
        Set<Integer> udp = new TreeSet<>(b.registeredUdpPorts);
        if (b.reservedUdpPorts != null) {
            udp.addAll(b.reservedUdpPorts);
        }
        this.reservedTcpPorts = Set.copyOf(tcp);
        this.reservedUdpPorts = Set.copyOf(udp);
        this.runningTasksCount = b.runningTasksCount;
        Map<String, Integer> groups = new HashMap<>(b.groupCounts);
        groups.values().removeIf(count -> count <= 0);
        this.groupCounts = Map.copyOf(groups);
        this.ephemeralTcpInUse = (int) tcp.stream().filter(InstanceState::ephemeral).count();
    }

    /** A bare search key for the resource-ordered sets: no ports, attributes or tasks, ARN "". */
    private InstanceState(int remainingCpu, int remainingMemory) {
        this.arn = "";
        this.ec2InstanceId = Optional.empty();
        this.registeredAt = Instant.EPOCH;
        this.status = InstanceStatus.ACTIVE;
        this.agentConnected = true;
        this.agentVersion = Optional.empty();
        this.attributes = Map.of();
        this.capacityProviderName = Optional.empty();
        this.registeredCpu = 0;
        this.registeredMemory = 0;
        this.registeredTcpPorts = Set.of();
        this.registeredUdpPorts = Set.of();
        this.remainingCpu = remainingCpu;
        this.remainingMemory = remainingMemory;
        this.reservedTcpPorts = Set.of();
        this.reservedUdpPorts = Set.of();
        this.runningTasksCount = 0;
        this.groupCounts = Map.of();
        this.ephemeralTcpInUse = 0;
    }

    /** A search key that sorts before every real instance with the same remaining resources. */
    static InstanceState probe(int remainingCpu, int remainingMemory) {
        return new InstanceState(remainingCpu, remainingMemory);
    }

    public static Builder builder(String arn) {
        return new Builder().arn(arn);
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.arn = arn;
        b.ec2InstanceId = ec2InstanceId.orElse(null);
        b.registeredAt = registeredAt;
        b.status = status;
        b.agentConnected = agentConnected;
        b.agentVersion = agentVersion.orElse(null);
        b.attributes = new HashMap<>(attributes);
        b.capacityProviderName = capacityProviderName.orElse(null);
        b.registeredCpu = registeredCpu;
        b.registeredMemory = registeredMemory;
        b.registeredTcpPorts = registeredTcpPorts;
        b.registeredUdpPorts = registeredUdpPorts;
        b.remainingCpu = remainingCpu;
        b.remainingMemory = remainingMemory;
        b.reservedTcpPorts = reservedTcpPorts;
        b.reservedUdpPorts = reservedUdpPorts;
        b.runningTasksCount = runningTasksCount;
        b.groupCounts = new HashMap<>(groupCounts);
        return b;
    }

    static boolean ephemeral(int port) {
        return port >= EPHEMERAL_FIRST && port <= EPHEMERAL_LAST;
    }

    /** This instance with the task's reservations added. */
    public InstanceState withTask(TaskPlacement task) {
        Builder b = toBuilder();
        b.remainingCpu = remainingCpu - task.cpu();
        b.remainingMemory = remainingMemory - task.memory();
        Set<Integer> tcp = new TreeSet<>(reservedTcpPorts);
        tcp.addAll(task.tcpPorts());
        Set<Integer> udp = new TreeSet<>(reservedUdpPorts);
        udp.addAll(task.udpPorts());
        b.reservedTcpPorts = tcp;
        b.reservedUdpPorts = udp;
        b.runningTasksCount = runningTasksCount + 1;
        task.group().ifPresent(g -> b.groupCounts.merge(g, 1, Integer::sum));
        return b.build();
    }

    /** This instance with the task's reservations released; the agent's own ports stay reserved. */
    public InstanceState withoutTask(TaskPlacement task) {
        Builder b = toBuilder();
        b.remainingCpu = remainingCpu + task.cpu();
        b.remainingMemory = remainingMemory + task.memory();
        Set<Integer> tcp = new TreeSet<>(reservedTcpPorts);
        task.tcpPorts().stream().filter(p -> !registeredTcpPorts.contains(p)).forEach(tcp::remove);
        Set<Integer> udp = new TreeSet<>(reservedUdpPorts);
        task.udpPorts().stream().filter(p -> !registeredUdpPorts.contains(p)).forEach(udp::remove);
        b.reservedTcpPorts = tcp;
        b.reservedUdpPorts = udp;
        b.runningTasksCount = Math.max(0, runningTasksCount - 1);
        task.group().ifPresent(g -> b.groupCounts.merge(g, -1, Integer::sum));
        return b.build();
    }

    public String arn() {
        return arn;
    }

    @Override
    public Optional<String> ec2InstanceId() {
        return ec2InstanceId;
    }

    @Override
    public Instant registeredAt() {
        return registeredAt;
    }

    public InstanceStatus status() {
        return status;
    }

    @Override
    public boolean agentConnected() {
        return agentConnected;
    }

    @Override
    public Optional<String> agentVersion() {
        return agentVersion;
    }

    public Map<String, String> attributes() {
        return attributes;
    }

    @Override
    public Optional<String> attribute(String name) {
        return Optional.ofNullable(attributes.get(name));
    }

    public Optional<String> capacityProviderName() {
        return capacityProviderName;
    }

    /** {@code EXTERNAL} for ECS Anywhere instances, {@code EC2} otherwise. */
    public String launchType() {
        return attributes.containsKey(EXTERNAL_ATTRIBUTE) ? "EXTERNAL" : "EC2";
    }

    public int registeredCpu() {
        return registeredCpu;
    }

    public int registeredMemory() {
        return registeredMemory;
    }

    public Set<Integer> registeredTcpPorts() {
        return registeredTcpPorts;
    }

    public Set<Integer> registeredUdpPorts() {
        return registeredUdpPorts;
    }

    public int remainingCpu() {
        return remainingCpu;
    }

    public int remainingMemory() {
        return remainingMemory;
    }

    public Set<Integer> reservedTcpPorts() {
        return reservedTcpPorts;
    }

    public Set<Integer> reservedUdpPorts() {
        return reservedUdpPorts;
    }

    /** How many ports of the ephemeral range are reserved (static or dynamic). */
    public int ephemeralTcpInUse() {
        return ephemeralTcpInUse;
    }

    @Override
    public int runningTasksCount() {
        return runningTasksCount;
    }

    /** Tasks per group on this instance ({@code service:web} → 2); groups with no task are absent. */
    public Map<String, Integer> groupCounts() {
        return groupCounts;
    }

    public int groupCount(String group) {
        return groupCounts.getOrDefault(group, 0);
    }

    @Override
    public Set<String> taskGroups() {
        return groupCounts.keySet();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InstanceState other
                && arn.equals(other.arn)
                && ec2InstanceId.equals(other.ec2InstanceId)
                && registeredAt.equals(other.registeredAt)
                && status == other.status
                && agentConnected == other.agentConnected
                && agentVersion.equals(other.agentVersion)
                && attributes.equals(other.attributes)
                && capacityProviderName.equals(other.capacityProviderName)
                && registeredCpu == other.registeredCpu
                && registeredMemory == other.registeredMemory
                && registeredTcpPorts.equals(other.registeredTcpPorts)
                && registeredUdpPorts.equals(other.registeredUdpPorts)
                && remainingCpu == other.remainingCpu
                && remainingMemory == other.remainingMemory
                && reservedTcpPorts.equals(other.reservedTcpPorts)
                && reservedUdpPorts.equals(other.reservedUdpPorts)
                && runningTasksCount == other.runningTasksCount
                && groupCounts.equals(other.groupCounts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(arn, remainingCpu, remainingMemory, runningTasksCount, status, agentConnected);
    }

    @Override
    public String toString() {
        return "InstanceState[" + arn + " " + status + (agentConnected ? "" : " disconnected")
                + " cpu " + remainingCpu + "/" + registeredCpu
                + " memory " + remainingMemory + "/" + registeredMemory
                + " tcp " + reservedTcpPorts + " udp " + reservedUdpPorts
                + " groups " + groupCounts + " attributes " + attributes + "]";
    }

    /** Builds an instance; remaining resources default to the registered ones. */
    public static final class Builder {
        private String arn;
        private String ec2InstanceId;
        private Instant registeredAt;
        private InstanceStatus status;
        private boolean agentConnected = true;
        private String agentVersion;
        private Map<String, String> attributes = new HashMap<>();
        private String capacityProviderName;
        private int registeredCpu;
        private int registeredMemory;
        private Set<Integer> registeredTcpPorts = Set.of();
        private Set<Integer> registeredUdpPorts = Set.of();
        private Integer remainingCpu;
        private Integer remainingMemory;
        private Set<Integer> reservedTcpPorts;
        private Set<Integer> reservedUdpPorts;
        private int runningTasksCount;
        private Map<String, Integer> groupCounts = new HashMap<>();

        private Builder() {
        }

        public Builder arn(String value) {
            this.arn = value;
            return this;
        }

        public Builder ec2InstanceId(String value) {
            this.ec2InstanceId = value;
            return this;
        }

        public Builder registeredAt(Instant value) {
            this.registeredAt = value;
            return this;
        }

        public Builder status(InstanceStatus value) {
            this.status = value;
            return this;
        }

        public Builder agentConnected(boolean value) {
            this.agentConnected = value;
            return this;
        }

        public Builder agentVersion(String value) {
            this.agentVersion = value;
            return this;
        }

        public Builder attributes(Map<String, String> value) {
            this.attributes = new HashMap<>(value);
            return this;
        }

        /** An attribute; a capability attribute without a value is stored with the value "". */
        public Builder attribute(String name, String value) {
            this.attributes.put(name, value == null ? "" : value);
            return this;
        }

        public Builder capacityProviderName(String value) {
            this.capacityProviderName = value;
            return this;
        }

        /** Registered CPU units and MiB; remaining ones follow unless set. */
        public Builder registered(int cpu, int memory) {
            this.registeredCpu = cpu;
            this.registeredMemory = memory;
            return this;
        }

        public Builder registeredPorts(Set<Integer> tcp, Set<Integer> udp) {
            this.registeredTcpPorts = Set.copyOf(tcp);
            this.registeredUdpPorts = Set.copyOf(udp);
            return this;
        }

        public Builder remaining(int cpu, int memory) {
            this.remainingCpu = cpu;
            this.remainingMemory = memory;
            return this;
        }

        /** Ports reserved on top of the registered ones (by tasks the caller already knows of). */
        public Builder reservedPorts(Set<Integer> tcp, Set<Integer> udp) {
            this.reservedTcpPorts = Set.copyOf(tcp);
            this.reservedUdpPorts = Set.copyOf(udp);
            return this;
        }

        public Builder runningTasksCount(int value) {
            this.runningTasksCount = value;
            return this;
        }

        public Builder groupCounts(Map<String, Integer> value) {
            this.groupCounts = new HashMap<>(value);
            return this;
        }

        public InstanceState build() {
            return new InstanceState(this);
        }
    }
}
