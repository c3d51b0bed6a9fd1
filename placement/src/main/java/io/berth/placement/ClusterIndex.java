package io.berth.placement;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The in-memory view of one cluster that the scheduler keeps up to date from instance and task
 * events, with the secondary indexes the engine uses to narrow its candidates. Not thread-safe:
 * one writer (the scheduler's event loop) and placements on the same thread.
 *
 * <p>Every change replaces an {@link InstanceState} and updates the indexes in O(log n) per
 * index entry touched; see the module README for the structures and their costs. Besides the
 * indexes it always keeps, it keeps one {@link AttributeIndex} per attribute a placement decision
 * has asked about (built on that first request, maintained by every change from then on), which
 * holds the group counts per attribute value that {@code spread} needs and the per-value sets in
 * resource order that the engine walks.
 */
public final class ClusterIndex {

    private static final Comparator<InstanceState> BY_REMAINING_CPU = (a, b) -> {
        int c = Integer.compare(a.remainingCpu(), b.remainingCpu());
        return c != 0 ? c : a.arn().compareTo(b.arn());
    };
    private static final Comparator<InstanceState> BY_REMAINING_MEMORY = (a, b) -> {
        int c = Integer.compare(a.remainingMemory(), b.remainingMemory());
        return c != 0 ? c : a.arn().compareTo(b.arn());
    };

    private final TreeMap<String, InstanceState> instances = new TreeMap<>();
    /**
     * The ARNs once more, in an array in ARN order, so that a random draw reaches the i-th instance in O(1) and
     * means the same instance however the index was built (event order, a rebuild in ARN order). Only a
     * registration or a deregistration moves it; a task's reservation or release leaves it as it is.
     */
    private final ArrayList<String> arnsInOrder = new ArrayList<>();
    private final Map<String, TreeSet<String>> byAttributeName = new HashMap<>();
    private final Map<String, Map<String, TreeSet<String>>> byAttributeValue = new HashMap<>();
    private final Map<String, TreeSet<String>> byCapacityProvider = new HashMap<>();
    private final TreeSet<InstanceState> byRemainingCpu = new TreeSet<>(BY_REMAINING_CPU);
    private final TreeSet<InstanceState> byRemainingMemory = new TreeSet<>(BY_REMAINING_MEMORY);
    private final Map<String, TreeMap<String, Integer>> groupCountsByInstance = new HashMap<>();
    private final Map<String, TaskPlacement> tasks = new HashMap<>();
    private final Map<String, TreeMap<String, TaskPlacement>> tasksByInstance = new HashMap<>();
    private final Map<String, TreeMap<String, TaskPlacement>> tasksByGroup = new HashMap<>();
    /** The attributes a decision has asked about (spread, memberOf hints, required attributes). */
    private final Map<String, AttributeIndex> tracked = new HashMap<>();

    /**
     * Adds an instance, or replaces the registration data of a known one. A new instance is taken
     * as given. For a known instance the registration data (status, agent, attributes, registered
     * resources and ports) come from the argument and the reservations of the tasks this index
     * holds for it are applied again on top of the registered resources.
     */
    public void upsertInstance(InstanceState state) {
        InstanceState old = instances.get(state.arn());
        if (old == null) {
            replace(null, state);
            return;
        }
        InstanceState rebuilt = state.toBuilder()
                .remaining(state.registeredCpu(), state.registeredMemory())
                .reservedPorts(state.registeredTcpPorts(), state.registeredUdpPorts())
                .runningTasksCount(0)
                .groupCounts(Map.of())
                .build();
        for (TaskPlacement task : tasksByInstance.getOrDefault(state.arn(), new TreeMap<>()).values()) {
            rebuilt = rebuilt.withTask(task);
        }
        replace(old, rebuilt);
    }

    /** Forgets an instance and the tasks on it (deregistration). */
    public void removeInstance(String arn) {
        InstanceState old = instances.get(arn);
        if (old == null) {
            return;
        }
        TreeMap<String, TaskPlacement> onIt = tasksByInstance.remove(arn);
        if (onIt != null) {
            for (TaskPlacement task : onIt.values()) {
                tasks.remove(task.taskArn());
                task.group().ifPresent(g -> removeEntry(tasksByGroup, g, task.taskArn()));
            }
        }
        replace(old, null);
    }

    public void setStatus(String arn, InstanceStatus status) {
        InstanceState old = require(arn);
        replace(old, old.toBuilder().status(status).build());
    }

    public void setAgentConnected(String arn, boolean connected) {
        InstanceState old = require(arn);
        replace(old, old.toBuilder().agentConnected(connected).build());
    }

    /** Replaces all attributes (built-in and custom) of an instance. */
    public void setAttributes(String arn, Map<String, String> attributes) {
        InstanceState old = require(arn);
        replace(old, old.toBuilder().attributes(attributes).build());
    }

    /**
     * Reserves the task's resources and ports on its instance and counts its group. Adding a task
     * that is already known does nothing, so redelivered events are harmless.
     */
    public void addTask(TaskPlacement task) {
        if (tasks.containsKey(task.taskArn())) {
            return;
        }
        InstanceState old = require(task.instanceArn());
        tasks.put(task.taskArn(), task);
        tasksByInstance.computeIfAbsent(task.instanceArn(), k -> new TreeMap<>()).put(task.taskArn(), task);
        task.group().ifPresent(g -> tasksByGroup.computeIfAbsent(g, k -> new TreeMap<>()).put(task.taskArn(), task));
        replace(old, old.withTask(task));
    }

    /** Releases what the task reserved; unknown task ARNs are ignored. */
    public void removeTask(String taskArn) {
        TaskPlacement task = tasks.remove(taskArn);
        if (task == null) {
            return;
        }
        removeEntry(tasksByInstance, task.instanceArn(), taskArn);
        task.group().ifPresent(g -> removeEntry(tasksByGroup, g, taskArn));
        InstanceState old = instances.get(task.instanceArn());
        if (old != null) {
            replace(old, old.withoutTask(task));
        }
    }

    public boolean isEmpty() {
        return instances.isEmpty();
    }

    public int size() {
        return instances.size();
    }

    public Optional<InstanceState> instance(String arn) {
        return Optional.ofNullable(instances.get(arn));
    }

    /** The instance at a position of the ARN order, 0 ≤ i < {@link #size()}. */
    InstanceState instanceAt(int i) {
        return instances.get(arnsInOrder.get(i));
    }

    /** All instances in ARN order. */
    public Collection<InstanceState> instances() {
        return Collections.unmodifiableCollection(instances.values());
    }

    /** All instance ARNs, sorted. */
    public NavigableSet<String> arns() {
        return Collections.unmodifiableNavigableSet(instances.navigableKeySet());
    }

    /** ARNs of the instances that have the attribute, whatever its value. */
    public NavigableSet<String> withAttribute(String name) {
        return view(byAttributeName.get(name));
    }

    public NavigableSet<String> withAttribute(String name, String value) {
        Map<String, TreeSet<String>> values = byAttributeValue.get(name);
        return view(values == null ? null : values.get(value));
    }

    public NavigableSet<String> ofCapacityProvider(String name) {
        return view(byCapacityProvider.get(name));
    }

    /** Instances ordered by remaining CPU, from the given amount upwards. */
    public NavigableSet<InstanceState> withRemainingCpuAtLeast(int cpu) {
        return Collections.unmodifiableNavigableSet(
                byRemainingCpu.tailSet(probe(cpu, Integer.MAX_VALUE), true));
    }

    /** Instances ordered by remaining memory, from the given amount upwards. */
    public NavigableSet<InstanceState> withRemainingMemoryAtLeast(int memory) {
        return Collections.unmodifiableNavigableSet(
                byRemainingMemory.tailSet(probe(Integer.MAX_VALUE, memory), true));
    }

    /** For a group: instance ARN → number of its tasks there; only instances that run some. */
    public NavigableMap<String, Integer> groupCounts(String group) {
        TreeMap<String, Integer> counts = groupCountsByInstance.get(group);
        return counts == null ? Collections.emptyNavigableMap() : Collections.unmodifiableNavigableMap(counts);
    }

    public Optional<TaskPlacement> task(String taskArn) {
        return Optional.ofNullable(tasks.get(taskArn));
    }

    /** The known tasks of a group, in task ARN order. */
    public List<TaskPlacement> tasksOfGroup(String group) {
        TreeMap<String, TaskPlacement> of = tasksByGroup.get(group);
        return of == null ? List.of() : List.copyOf(of.values());
    }

    /** The known tasks on an instance, in task ARN order. */
    public List<TaskPlacement> tasksOn(String instanceArn) {
        TreeMap<String, TaskPlacement> on = tasksByInstance.get(instanceArn);
        return on == null ? List.of() : List.copyOf(on.values());
    }

    private InstanceState require(String arn) {
        InstanceState state = instances.get(arn);
        if (state == null) {
            throw new IllegalArgumentException("Unknown container instance " + arn);
        }
        return state;
    }

    /** The one place that keeps the secondary indexes in step with the instances. */
    private void replace(InstanceState old, InstanceState now) {
        for (AttributeIndex attribute : tracked.values()) {
            attribute.replace(old, now);
        }
        if (old != null) {
            byRemainingCpu.remove(old);
            byRemainingMemory.remove(old);
            if (now == null || !old.attributes().equals(now.attributes())) {
                old.attributes().forEach((name, value) -> {
                    removeMember(byAttributeName, name, old.arn());
                    Map<String, TreeSet<String>> values = byAttributeValue.get(name);
                    removeMember(values, value, old.arn());
                    if (values != null && values.isEmpty()) {
                        byAttributeValue.remove(name);
                    }
                });
            }
            old.capacityProviderName().ifPresent(cp -> removeMember(byCapacityProvider, cp, old.arn()));
            if (now == null || !old.groupCounts().equals(now.groupCounts())) {
                old.groupCounts().keySet().forEach(g -> removeEntry(groupCountsByInstance, g, old.arn()));
            }
        }
        if (now == null) {
            instances.remove(old.arn());
            arnsInOrder.remove(Collections.binarySearch(arnsInOrder, old.arn()));
            return;
        }
        if (old == null) {
            arnsInOrder.add(-Collections.binarySearch(arnsInOrder, now.arn()) - 1, now.arn());
        }
        instances.put(now.arn(), now);
        byRemainingCpu.add(now);
        byRemainingMemory.add(now);
        if (old == null || !old.attributes().equals(now.attributes())) {
            now.attributes().forEach((name, value) -> {
                byAttributeName.computeIfAbsent(name, k -> new TreeSet<>()).add(now.arn());
                byAttributeValue.computeIfAbsent(name, k -> new HashMap<>())
                        .computeIfAbsent(value, k -> new TreeSet<>()).add(now.arn());
            });
        }
        now.capacityProviderName().ifPresent(cp ->
                byCapacityProvider.computeIfAbsent(cp, k -> new TreeSet<>()).add(now.arn()));
        if (old == null || !old.groupCounts().equals(now.groupCounts())) {
            now.groupCounts().forEach((g, count) ->
                    groupCountsByInstance.computeIfAbsent(g, k -> new TreeMap<>()).put(now.arn(), count));
        }
    }

    private static <K, C extends Map<String, ?>> void removeEntry(Map<K, C> index, K key, String member) {
        if (index == null) {
            return;
        }
        C inner = index.get(key);
        if (inner != null) {
            inner.remove(member);
            if (inner.isEmpty()) {
                index.remove(key);
            }
        }
    }

    private static <K> void removeMember(Map<K, TreeSet<String>> index, K key, String member) {
        if (index == null) {
            return;
        }
        TreeSet<String> inner = index.get(key);
        if (inner != null) {
            inner.remove(member);
            if (inner.isEmpty()) {
                index.remove(key);
            }
        }
    }

    private static NavigableSet<String> view(TreeSet<String> set) {
        return set == null ? Collections.emptyNavigableSet() : Collections.unmodifiableNavigableSet(set);
    }

    /**
     * The index of one attribute: per value, its instances ordered by remaining CPU and by
     * remaining memory, and per group the group's tasks on the instances of each value. Built the
     * first time a decision asks about the attribute (O(n log n) once) and kept in step by every
     * change afterwards (O(log n) per change). Instances without the attribute are filed under
     * {@link #ABSENT}, so that they count as one value.
     */
    AttributeIndex attributeIndex(String name) {
        AttributeIndex index = tracked.get(name);
        if (index == null) {
            index = new AttributeIndex(name);
            for (InstanceState state : instances.values()) {
                index.replace(null, state);
            }
            tracked.put(name, index);
        }
        return index;
    }

    /** The value under which the attribute index files the instance: its value, or {@link #ABSENT}. */
    static String valueOf(InstanceState state, String attribute) {
        String value = state.attributes().get(attribute);
        return value == null ? ABSENT : value;
    }

    /** The key of "no such attribute" in an {@link AttributeIndex}; no real value starts with NUL. */
    static final String ABSENT = "\u0000absent";

    /** The instances of one attribute value, in two orders. */
    static final class ValueSets {
        private final TreeSet<InstanceState> byCpu = new TreeSet<>(BY_REMAINING_CPU);
        private final TreeSet<InstanceState> byMemory = new TreeSet<>(BY_REMAINING_MEMORY);

        int size() {
            return byCpu.size();
        }

        /** In ascending order of the resource left, from {@code amount} upwards. */
        NavigableSet<InstanceState> atLeast(Strategy.Resource resource, int amount) {
            return resource == Strategy.Resource.CPU
                    ? byCpu.tailSet(probe(amount, Integer.MAX_VALUE), true)
                    : byMemory.tailSet(probe(Integer.MAX_VALUE, amount), true);
        }
    }

    /** See {@link #attributeIndex(String)}. */
    static final class AttributeIndex {
        private final String name;
        private final Map<String, ValueSets> byValue = new HashMap<>();
        /** group → value → the group's tasks on the instances with that value (one-element arrays). */
        private final Map<String, Map<String, int[]>> groupCounts = new HashMap<>();

        private AttributeIndex(String name) {
            this.name = name;
        }

        String name() {
            return name;
        }

        /** Every value some instance has, and {@link #ABSENT} when some instance lacks the attribute. */
        Map<String, ValueSets> values() {
            return byValue;
        }

        /** The instances with the value, or null when there are none. */
        ValueSets instancesWith(String value) {
            return byValue.get(value);
        }

        /** Per value, the group's tasks on the instances with that value; null when it has none. */
        Map<String, int[]> groupCounts(String group) {
            return groupCounts.get(group);
        }

        private void replace(InstanceState old, InstanceState now) {
            String oldValue = old == null ? null : valueOf(old, name);
            String newValue = now == null ? null : valueOf(now, name);
            if (old != null) {
                ValueSets sets = byValue.get(oldValue);
                sets.byCpu.remove(old);
                sets.byMemory.remove(old);
                if (sets.byCpu.isEmpty()) {
                    byValue.remove(oldValue);
                }
            }
            if (now != null) {
                ValueSets sets = byValue.computeIfAbsent(newValue, k -> new ValueSets());
                sets.byCpu.add(now);
                sets.byMemory.add(now);
            }
            boolean countsChange = old == null || now == null || !oldValue.equals(newValue)
                    || !old.groupCounts().equals(now.groupCounts());
            if (!countsChange) {
                return;
            }
            if (old != null) {
                old.groupCounts().forEach((group, count) -> count(group, oldValue, -count));
            }
            if (now != null) {
                now.groupCounts().forEach((group, count) -> count(group, newValue, count));
            }
        }

        private void count(String group, String value, int delta) {
            Map<String, int[]> perValue = groupCounts.computeIfAbsent(group, k -> new HashMap<>());
            int[] count = perValue.computeIfAbsent(value, k -> new int[1]);
            count[0] += delta;
            if (count[0] == 0) {
                perValue.remove(value);
                if (perValue.isEmpty()) {
                    groupCounts.remove(group);
                }
            }
        }
    }

    /** A search key that sorts before every real instance with the given remaining resources. */
    static InstanceState probe(int cpu, int memory) {
        return InstanceState.probe(cpu, memory);
    }
}
