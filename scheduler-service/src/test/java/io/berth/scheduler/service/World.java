package io.berth.scheduler.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A tiny cluster that carries out decisions. A step: tasks whose stop was requested disappear, tasks
 * that were STOPPED on their own disappear (each is seen by exactly one decision), PENDING tasks become
 * RUNNING (or STOPPED before running, when their task definition fails); then the reconciler decides
 * and its actions are applied: stops set desiredStatus STOPPED, starts add PENDING tasks (placed on the
 * instance with the fewest tasks, or on the listed instances). After every step it checks that the
 * decision's events fold into exactly the state it left, and that deciding again on what it just
 * applied asks for nothing more.
 */
final class World {

    ServiceState state;
    Instant now = Services.T0;
    final Map<String, ServiceTask> tasks = new TreeMap<>();
    final Set<String> active = new TreeSet<>();
    final Set<String> draining = new TreeSet<>();
    /** Active instances the DAEMON's constraints exclude. */
    final Set<String> ineligible = new TreeSet<>();
    final Set<String> failingTaskDefinitions = new HashSet<>();
    final List<Decision> decisions = new ArrayList<>();
    private final Map<String, String> taskDefinitionOfDeployment = new TreeMap<>();
    private int nextTask;

    World(ServiceState state, String... instanceIds) {
        this.state = state;
        for (String id : instanceIds) {
            active.add(Services.instance(id));
        }
    }

    ClusterView view() {
        Set<String> eligible = active.stream().filter(i -> !ineligible.contains(i)).collect(Collectors.toSet());
        return ClusterView.of(eligible, draining, !active.isEmpty() || !draining.isEmpty());
    }

    Decision step() {
        advance();
        ServiceState before = state;
        Decision decision = Services.RECONCILER.reconcile(state, List.copyOf(tasks.values()), view(), now);
        apply(decision);
        decisions.add(decision);
        assertThat(Services.DECIDER.fold(before, ServiceChanges.between(before, state, decision.deploymentChanges(),
                now))).as("the service folded from the events of the decision at %s", now).isEqualTo(state);
        Decision again = Services.RECONCILER.reconcile(state, List.copyOf(tasks.values()), view(), now);
        assertThat(again.actions()).as("deciding again on applied actions at %s after %s on %s in %s", now,
                decision.actions(), tasks.values(), view()).isEmpty();
        assertThat(again.deploymentChanges()).as("deployment changes decided again").isEmpty();
        assertThat(again.events()).as("messages written again").isEmpty();
        return decision;
    }

    /** Steps until {@code done} holds, checking {@code each} after every step; fails after {@code limit}. */
    int stepUntil(Predicate<World> done, int limit, Consumer<World> each) {
        for (int i = 1; i <= limit; i++) {
            step();
            each.accept(this);
            if (done.test(this)) {
                return i;
            }
        }
        throw new AssertionError("not done after " + limit + " steps; state " + state.deployments());
    }

    boolean steady() {
        return state.steady();
    }

    void drain(String instanceId) {
        active.remove(Services.instance(instanceId));
        draining.add(Services.instance(instanceId));
    }

    /** A new instance, or a draining one set ACTIVE again. */
    void join(String instanceId) {
        draining.remove(Services.instance(instanceId));
        active.add(Services.instance(instanceId));
    }

    private void advance() {
        now = now.plusSeconds(15);
        tasks.values().removeIf(t -> "STOPPED".equals(t.desiredStatus()) || t.stopped());
        for (ServiceTask t : List.copyOf(tasks.values())) {
            if (t.lastStatus().equals("PENDING")) {
                boolean fails = failingTaskDefinitions.contains(taskDefinitionOfDeployment.get(t.deploymentId()));
                tasks.put(t.taskArn(), fails
                        ? new ServiceTask(t.taskArn(), t.deploymentId(), t.containerInstanceArn(), "STOPPED", "STOPPED",
                                null, null, "TaskFailedToStart")
                        : new ServiceTask(t.taskArn(), t.deploymentId(), t.containerInstanceArn(), "RUNNING", "RUNNING",
                                now, null, null));
            }
        }
    }

    private void apply(Decision decision) {
        List<String> started = new ArrayList<>();
        for (Action action : decision.actions()) {
            if (action instanceof Action.StopTasks stop) {
                for (String arn : stop.taskArns()) {
                    ServiceTask t = tasks.get(arn);
                    assertThat(t).as("stopped task %s exists", arn).isNotNull();
                    assertThat(t.live()).as("stopped task %s was live", arn).isTrue();
                    tasks.put(arn, new ServiceTask(arn, t.deploymentId(), t.containerInstanceArn(), t.lastStatus(),
                            "STOPPED", t.startedAt(), t.healthStatus(), stop.stopCode()));
                }
            } else if (action instanceof Action.StartTasks start) {
                taskDefinitionOfDeployment.put(start.deploymentId(), start.taskDefinitionArn());
                for (int i = 0; i < start.count(); i++) {
                    String instance = start.onInstances().isEmpty() ? emptiest() : start.onInstances().get(i);
                    String arn = Services.task(String.format("t%04d", ++nextTask));
                    tasks.put(arn, new ServiceTask(arn, start.deploymentId(), instance, "PENDING", "RUNNING", null,
                            null, null));
                    started.add(arn);
                }
            }
        }
        state = ServiceDecider.tasksStarted(decision.next(), started, now);
    }

    private String emptiest() {
        Map<String, Long> load = tasks.values().stream().filter(ServiceTask::live)
                .collect(Collectors.groupingBy(ServiceTask::containerInstanceArn, Collectors.counting()));
        return active.stream().min(Comparator.comparing((String i) -> load.getOrDefault(i, 0L))
                .thenComparing(Comparator.naturalOrder())).orElseThrow();
    }

    List<ServiceTask> live() {
        return tasks.values().stream().filter(ServiceTask::live).toList();
    }

    /** The tasks maximumPercent counts: not STOPPED, whatever their desiredStatus. */
    List<ServiceTask> occupying() {
        return tasks.values().stream().filter(ServiceTask::occupies).toList();
    }

    long healthy() {
        return tasks.values().stream().filter(t -> t.healthy(now, state.spec().healthCheckGracePeriodSeconds()))
                .count();
    }

    List<String> messages() {
        return state.events().stream().map(ServiceMessage::message).toList();
    }

    /** Decides {@code command} on the service and folds its events in, as the scheduler records them. */
    List<io.berth.events.ServiceEvent> decide(ServiceCommand command) {
        List<io.berth.events.ServiceEvent> events = Services.DECIDER.decide(command, state);
        state = Services.DECIDER.fold(state, events);
        return events;
    }

    /** The live tasks each task set (or deployment) owns, by its id. */
    Map<String, Long> liveBySet() {
        return new TreeMap<>(live().stream().collect(Collectors.groupingBy(ServiceTask::deploymentId,
                Collectors.counting())));
    }

    /** Updates the service as UpdateService would, with a deployment id unique to this world. */
    void update(ServiceCommand.UpdateService command) {
        Decision decision = Services.updated(state, command, Deployment.deriveId("update " + now), now);
        state = decision.next();
    }
}
