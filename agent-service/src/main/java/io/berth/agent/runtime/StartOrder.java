package io.berth.agent.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ECS agent's container ordering, as plain rules: when a container of a task may start given its
 * {@code dependsOn} (and the START dependency {@code volumesFrom} implies), when it never will, and in which order
 * a task's containers stop (dependents first).
 *
 * <p>START waits for the dependency to have started; COMPLETE for it to have exited; SUCCESS for it to have exited
 * with 0 (any other exit code fails the dependent); HEALTHY for its health check to pass. A COMPLETE, SUCCESS or
 * HEALTHY dependency with a {@code startTimeout} that has not got there that long after it started fails the
 * dependent, and so does a dependency that exited or failed before it started.
 */
public final class StartOrder {

    private StartOrder() {
    }

    /** What the runtime knows of a container: when it started (null if not yet), its exit code, its health. */
    public record Observed(Instant startedAt, boolean exited, Integer exitCode, String healthStatus) {

        public static final Observed NOT_STARTED = new Observed(null, false, null, null);

        public boolean started() {
            return startedAt != null;
        }
    }

    /** Whether a container may start now. */
    public sealed interface Verdict {
    }

    public record Ready() implements Verdict {
    }

    public record Waiting() implements Verdict {
    }

    /** The container will never start; {@code reason} says which dependency failed and how. */
    public record Failed(String reason) implements Verdict {
    }

    private static final Verdict READY = new Ready();
    private static final Verdict WAITING = new Waiting();

    /** The verdict for a container that has not started, given what is known of the others at {@code now}. */
    public static Verdict verdict(TaskSpec task, ContainerSpec target, Map<String, Observed> observed, Instant now) {
        boolean waiting = false;
        for (ContainerDetails.Dependency dependency : dependencies(target)) {
            ContainerSpec source = task.container(dependency.containerName());
            Observed state = observed.getOrDefault(source.name(), Observed.NOT_STARTED);
            String subject = "dependency " + source.name() + " of container " + target.name();
            if (!state.started()) {
                if (state.exited()) {
                    return new Failed(subject + " will never start");
                }
                waiting = true;
                continue;
            }
            switch (dependency.condition()) {
                case ContainerDetails.Dependency.START -> {
                }
                case ContainerDetails.Dependency.COMPLETE -> {
                    if (!state.exited()) {
                        if (timedOut(source, state, now)) {
                            return new Failed(subject + " has timed out");
                        }
                        waiting = true;
                    }
                }
                case ContainerDetails.Dependency.SUCCESS -> {
                    if (state.exited()) {
                        if (state.exitCode() == null || state.exitCode() != 0) {
                            return new Failed(subject + " did not exit successfully (exit code "
                                    + state.exitCode() + ")");
                        }
                    } else if (timedOut(source, state, now)) {
                        return new Failed(subject + " has timed out");
                    } else {
                        waiting = true;
                    }
                }
                case ContainerDetails.Dependency.HEALTHY -> {
                    if (Health.HEALTHY.equals(state.healthStatus())) {
                        continue;
                    }
                    if (state.exited()) {
                        return new Failed(subject + " exited before it was healthy");
                    }
                    if (timedOut(source, state, now)) {
                        return new Failed(subject + " has timed out");
                    }
                    waiting = true;
                }
                default -> throw new IllegalArgumentException("unknown dependsOn condition "
                        + dependency.condition() + " of container " + target.name());
            }
        }
        return waiting ? WAITING : READY;
    }

    /** When the earliest startTimeout among the dependencies still awaited runs out, if any does. */
    public static Instant nextDeadline(TaskSpec task, Map<String, Observed> observed) {
        Instant next = null;
        for (ContainerSpec target : task.containers()) {
            if (observed.getOrDefault(target.name(), Observed.NOT_STARTED).started()) {
                continue;
            }
            for (ContainerDetails.Dependency dependency : dependencies(target)) {
                ContainerSpec source = task.container(dependency.containerName());
                Observed state = observed.getOrDefault(source.name(), Observed.NOT_STARTED);
                Integer timeout = source.details().startTimeoutSeconds();
                if (state.started() && !state.exited() && timeout != null
                        && !ContainerDetails.Dependency.START.equals(dependency.condition())) {
                    Instant deadline = state.startedAt().plus(Duration.ofSeconds(timeout));
                    next = next == null || deadline.isBefore(next) ? deadline : next;
                }
            }
        }
        return next;
    }

    /**
     * The containers in the order they stop: each wave holds the containers that no running container of a later
     * wave depends on, so dependents stop before what they depend on. A cycle (which registration refuses) stops
     * what is left in one last wave.
     */
    public static List<List<String>> stopWaves(TaskSpec task) {
        Map<String, Set<String>> dependents = new LinkedHashMap<>();
        task.containers().forEach(c -> dependents.put(c.name(), new HashSet<>()));
        for (ContainerSpec container : task.containers()) {
            dependencies(container).forEach(d -> dependents.get(d.containerName()).add(container.name()));
        }
        List<List<String>> waves = new ArrayList<>();
        Set<String> left = new HashSet<>(dependents.keySet());
        while (!left.isEmpty()) {
            List<String> wave = task.containers().stream().map(ContainerSpec::name).filter(left::contains)
                    .filter(name -> dependents.get(name).stream().noneMatch(left::contains)).toList();
            if (wave.isEmpty()) {
                wave = task.containers().stream().map(ContainerSpec::name).filter(left::contains).toList();
            }
            waves.add(wave);
            wave.forEach(left::remove);
        }
        return waves;
    }

    private static boolean timedOut(ContainerSpec source, Observed state, Instant now) {
        Integer timeout = source.details().startTimeoutSeconds();
        return timeout != null && !now.isBefore(state.startedAt().plus(Duration.ofSeconds(timeout)));
    }

    /** {@code dependsOn}, plus a START dependency on each container it takes volumes from. */
    private static List<ContainerDetails.Dependency> dependencies(ContainerSpec container) {
        List<ContainerDetails.Dependency> all = new ArrayList<>(container.details().dependsOn());
        container.details().volumesFrom().forEach(from -> all.add(
                new ContainerDetails.Dependency(from.sourceContainer(), ContainerDetails.Dependency.START)));
        return all;
    }
}
