package io.berth.scheduler.service;

import io.berth.scheduler.service.Action.StartTasks;
import io.berth.scheduler.service.Action.StopTasks;
import io.berth.scheduler.service.Deployment.RolloutState;
import io.berth.scheduler.service.Deployment.Status;
import io.berth.scheduler.service.DeploymentChange.Completed;
import io.berth.scheduler.service.DeploymentChange.Failed;
import io.berth.scheduler.service.DeploymentChange.Removed;
import io.berth.scheduler.service.DeploymentChange.RollbackStarted;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The ECS service scheduler as a pure function: given the service, its tasks and the cluster, what to
 * start and stop, how the deployments change, and which service event messages to write.
 *
 * <p>One decision is one step: it never repeats work that is visible in the tasks (a start shows up
 * as a PROVISIONING or PENDING task, a stop as desiredStatus STOPPED), so deciding again on the same
 * state and tasks gives the same answer, and deciding on the next state once the actions show gives
 * no new ones. The rules, each from the ECS documentation, are described in {@code SERVICES.md}.
 *
 * <p><b>The stability window.</b> ECS does not count a task as having made its deployment good the
 * moment it is RUNNING: without a container health check it waits a while (undocumented; about 40 s
 * is observed) before the deployment can complete, so a revision whose tasks start and exit at once
 * fails instead of completing. Berth's choice: a task <em>settles</em> its deployment (completes it,
 * resets its failed-task count, disarms the breaker) once its container health check says HEALTHY
 * or, without that verdict, once it has been RUNNING for {@code stableAfter} (the setting
 * {@code berth.scheduler.service-task-stable-after}, 5 s by default: long enough for a process that
 * exits at start to be seen, short enough not to slow every rollout). The rolling bounds
 * (minimumHealthyPercent) still count a RUNNING task at once, so a rollout moves as fast as before
 * and only its completion waits.
 */
public final class Reconciler {

    private final ScaleInChooser chooser;
    private final Duration stableAfter;

    /** A reconciler whose tasks settle their deployment as soon as they are healthy. */
    public Reconciler(ScaleInChooser chooser) {
        this(chooser, Duration.ZERO);
    }

    public Reconciler(ScaleInChooser chooser, Duration stableAfter) {
        this.chooser = Objects.requireNonNull(chooser, "chooser");
        this.stableAfter = Objects.requireNonNull(stableAfter, "stableAfter");
    }

    /** When a task of the service settles its deployment, if that is still to come after {@code now}. */
    public Optional<Instant> settlesAt(ServiceTask task, Instant now) {
        if (!task.running() || task.startedAt() == null || ServiceTask.HEALTHY.equals(task.healthStatus())) {
            return Optional.empty();
        }
        Instant at = task.startedAt().plus(stableAfter);
        return at.isAfter(now) ? Optional.of(at) : Optional.empty();
    }

    public Decision reconcile(ServiceState state, List<ServiceTask> tasks, ClusterView cluster, Instant now) {
        if (state.status() == ServiceState.Status.INACTIVE) {
            return Decision.unchanged(state);
        }
        Round round = new Round(state, tasks, cluster, now);
        round.decide();
        Decision decision = round.finish();
        if (!decision.stalled() && decision.starts().isEmpty() && !decision.stops().isEmpty()
                && decision.next().status() == ServiceState.Status.ACTIVE
                && stallsNext(decision, tasks, cluster, now)) {
            return stalledAfter(decision, now);
        }
        return decision;
    }

    /**
     * Whether the decision after one that only stops tasks, taken once they have stopped, could move
     * nothing. Then the stall is reported with the stops, and deciding again once they are visible
     * asks for nothing new.
     */
    private boolean stallsNext(Decision decision, List<ServiceTask> tasks, ClusterView cluster, Instant now) {
        Set<String> stopped = new HashSet<>(decision.stoppedTaskArns());
        List<ServiceTask> applied = tasks.stream().map(t -> stopped.contains(t.taskArn())
                ? new ServiceTask(t.taskArn(), t.deploymentId(), t.containerInstanceArn(), ServiceTask.STOPPED,
                        ServiceTask.STOPPED, t.startedAt(), t.healthStatus(), Action.SERVICE_SCHEDULER_INITIATED)
                : t).toList();
        Round ahead = new Round(decision.next(), applied, cluster, now);
        ahead.decide();
        return ahead.stalled;
    }

    private static Decision stalledAfter(Decision decision, Instant now) {
        ServiceState next = decision.next();
        ServiceState after = next.record(ServiceMessages.unableToProgress(next.spec().serviceName()), now);
        List<ServiceMessage> events = new ArrayList<>(decision.events());
        if (after != next) {
            events.add(after.events().get(0));
        }
        return new Decision(decision.actions(), decision.deploymentChanges(), events, true, after);
    }

    /** The working memory of one decision. */
    private final class Round {
        private final ServiceState state;
        private final ClusterView cluster;
        private final Instant now;
        private final List<ServiceTask> tasks;
        private final List<ServiceTask> live;
        /** The tasks maximumPercent counts: every one not STOPPED, those being stopped included. */
        private final int occupying;
        private final List<Deployment> deployments;
        private final Map<String, List<String>> stopsByReason = new LinkedHashMap<>();
        private final Set<String> stopping = new LinkedHashSet<>();
        private final List<StartTasks> starts = new ArrayList<>();
        private final List<DeploymentChange> changes = new ArrayList<>();
        private final List<String> messages = new ArrayList<>();
        private ServiceSpec spec;
        private boolean stalled;

        Round(ServiceState state, List<ServiceTask> tasks, ClusterView cluster, Instant now) {
            this.state = state;
            this.cluster = cluster;
            this.now = now;
            // Sorted so that the answer does not depend on the order the scheduler listed the tasks in.
            this.tasks = tasks.stream().sorted(Comparator.comparing(ServiceTask::taskArn)).toList();
            this.live = this.tasks.stream().filter(ServiceTask::live).toList();
            this.occupying = (int) this.tasks.stream().filter(ServiceTask::occupies).count();
            this.deployments = new ArrayList<>(state.deployments());
            ServiceSpec current = state.spec();
            if (current.isDaemon() && state.status() == ServiceState.Status.ACTIVE) {
                current = current.withDesiredCount(cluster.eligibleInstances().size());
            }
            this.spec = current;
        }

        void decide() {
            account();
            if (state.status() == ServiceState.Status.DRAINING) {
                drainService();
            } else if (spec.hasTaskSets()) {
                taskSets();
            } else if (spec.isDaemon()) {
                daemon();
            } else {
                replica();
            }
        }

        /** Failure counts, their reset by a healthy task, and the circuit breaker. */
        private void account() {
            for (ServiceTask task : tasks) {
                if (task.stopped() && !state.countedStops().contains(task.taskArn()) && CircuitBreaker.failed(task)) {
                    countFailure(task.deploymentId());
                }
            }
            for (int i = 0; i < deployments.size(); i++) {
                Deployment d = deployments.get(i);
                if (!d.healthyTaskSeen() && live.stream().anyMatch(t -> d.id().equals(t.deploymentId()) && settled(t))) {
                    deployments.set(i, d.withHealthyTask(now));
                }
            }
            if (deployments.isEmpty()) {
                // A service of task sets: its outside controller judges them, not the circuit breaker.
                return;
            }
            Deployment primary = primary();
            if (state.status() == ServiceState.Status.ACTIVE && spec.circuitBreakerEnabled()
                    && primary.rolloutState() == RolloutState.IN_PROGRESS
                    && primary.failedTasks() >= CircuitBreaker.threshold(spec.desiredCount())) {
                trip(primary);
            }
        }

        private void countFailure(String deploymentId) {
            for (int i = 0; i < deployments.size(); i++) {
                Deployment d = deployments.get(i);
                if (d.id().equals(deploymentId)) {
                    deployments.set(i, d.withFailedTasks(d.failedTasks() + 1, now));
                }
            }
        }

        /** The breaker fails the PRIMARY and, with rollback, redeploys the last completed task definition. */
        private void trip(Deployment primary) {
            Deployment failed = primary.withRollout(RolloutState.FAILED, Deployment.CIRCUIT_BREAKER_FAILED, now);
            messages.add(ServiceMessages.deploymentFailed(spec.serviceName(), primary.id()));
            Deployment last = state.lastCompletedDeployment();
            if (spec.rollbackEnabled() && last != null && !last.taskDefinitionArn().equals(primary.taskDefinitionArn())) {
                String id = Deployment.deriveId(primary.id() + " rollback");
                Deployment rollback = Deployment.start(id, last.taskDefinitionArn(), spec.desiredCount(), now)
                        .withRollout(RolloutState.IN_PROGRESS, Deployment.rollingBack(last.id()), now);
                deployments.set(0, failed.withStatus(Status.ACTIVE, now));
                deployments.add(0, rollback);
                spec = spec.withTaskDefinition(last.taskDefinitionArn());
                changes.add(new Failed(primary.id(), Deployment.CIRCUIT_BREAKER_FAILED, id, now));
                changes.add(new RollbackStarted(rollback, primary.id(), last.id()));
            } else {
                deployments.set(0, failed);
                changes.add(new Failed(primary.id(), Deployment.CIRCUIT_BREAKER_FAILED, null, now));
            }
        }

        /** DeleteService: every task goes, without regard to the deployment configuration. */
        private void drainService() {
            if (deployments.isEmpty()) {
                live.forEach(t -> stop(List.of(t), Action.scalingActivity(t.deploymentId())));
            } else {
                stop(live, scaling());
            }
            reportStops();
        }

        /**
         * EXTERNAL and CODE_DEPLOY: each task set keeps its computed desired count of tasks, started and
         * stopped at once (the outside controller moves traffic and scale; the bounds of a rolling
         * deployment do not apply). Tasks of no task set, and of deleted ones, stop.
         */
        private void taskSets() {
            Map<String, TaskSet> byId = new LinkedHashMap<>();
            state.taskSets().forEach(t -> byId.put(t.id(), t));
            for (ServiceTask task : live) {
                if (!byId.containsKey(task.deploymentId())) {
                    stop(List.of(task), Action.scalingActivity(task.deploymentId()));
                }
            }
            for (TaskSet set : byId.values()) {
                String reason = Action.scalingActivity(set.id());
                List<ServiceTask> own = live.stream().filter(t -> set.id().equals(t.deploymentId())).toList();
                List<ServiceTask> unhealthy = own.stream().filter(t -> t.failedHealthChecks(now, grace())).toList();
                stopUnhealthy(unhealthy);
                List<ServiceTask> keep = own.stream().filter(t -> !unhealthy.contains(t)).toList();
                int wanted = set.wanted(spec.desiredCount());
                List<ServiceTask> surplus = surplus(new ArrayList<>(keep), wanted);
                stop(surplus, reason);
                int need = wanted - (keep.size() - surplus.size());
                if (need > 0 && cluster.hasInstances()) {
                    starts.add(new StartTasks(set.id(), set.taskDefinitionArn(), need, List.of()));
                } else if (need > 0) {
                    messages.add(ServiceMessages.unableToPlace(spec.serviceName(),
                            ServiceMessages.NO_CONTAINER_INSTANCES, null));
                }
            }
            reportStops();
        }

        private void replica() {
            Deployment primary = primary();
            if (primary.rolloutState() == RolloutState.FAILED) {
                // A failed deployment launches no more tasks, and without it nothing replaces the older ones.
                return;
            }
            int desired = spec.desiredCount();
            DeploymentBounds bounds = spec.bounds();
            Set<String> draining = cluster.drainingInstances();
            List<ServiceTask> keep = new ArrayList<>();
            List<ServiceTask> older = new ArrayList<>();
            List<ServiceTask> displaced = new ArrayList<>();
            List<ServiceTask> unhealthy = new ArrayList<>();
            for (ServiceTask task : live) {
                if (!primary.id().equals(task.deploymentId())) {
                    older.add(task);
                } else if (task.failedHealthChecks(now, grace())) {
                    unhealthy.add(task);
                } else if (task.isOn(draining)) {
                    displaced.add(task);
                } else {
                    keep.add(task);
                }
            }
            List<ServiceTask> surplus = surplus(keep, desired);
            keep.removeAll(surplus);
            stopUnhealthy(unhealthy);

            // Tasks that are not healthy can go at once: stopping them costs the service nothing.
            stop(Stream.of(older, displaced, surplus).flatMap(List::stream).filter(t -> !healthy(t)).toList(),
                    scaling());
            int allowance = bounds.stoppable(countHealthy(live));
            // A new deployment replaces older tasks as far as the lower bound lets it (stop first).
            List<ServiceTask> olderHealthy = older.stream().filter(this::healthy).toList();
            List<ServiceTask> olderStops = chosen(olderHealthy, Math.min(allowance, olderHealthy.size()));
            stop(olderStops, scaling());
            allowance -= olderStops.size();

            int need = Math.max(0, desired - keep.size());
            List<ServiceTask> displacedHealthy = displaced.stream().filter(this::healthy).toList();
            boolean replacementPending = keep.stream().anyMatch(t -> !healthy(t));
            boolean startFirst = need == 0 || replacementPending || bounds.startable(occupying) > 0;
            // Tasks on a DRAINING instance go once their replacements are healthy; only when the upper
            // bound leaves no room to start one first do they go first, within the lower bound.
            int replaced = startFirst
                    ? Math.max(0, (int) keep.stream().filter(this::healthy).count() + displacedHealthy.size() - desired)
                    : allowance;
            List<ServiceTask> displacedStops = displacedHealthy.subList(0,
                    Math.min(displacedHealthy.size(), Math.min(allowance, replaced)));
            stop(displacedStops, scaling());
            allowance -= displacedStops.size();
            List<ServiceTask> surplusHealthy = surplus.stream().filter(this::healthy).toList();
            stop(surplusHealthy.subList(0, Math.min(allowance, surplusHealthy.size())), scaling());

            int start = Math.min(need, bounds.startable(occupying));
            if (start > 0) {
                if (cluster.hasInstances()) {
                    starts.add(new StartTasks(primary.id(), primary.taskDefinitionArn(), start, List.of()));
                } else {
                    messages.add(ServiceMessages.unableToPlace(spec.serviceName(),
                            ServiceMessages.NO_CONTAINER_INSTANCES, null));
                }
            }
            boolean leftBehind = Stream.of(older, displaced, surplus).flatMap(List::stream)
                    .anyMatch(t -> !stopping.contains(t.taskArn())) || need > start;
            boolean settling = live.stream().anyMatch(t -> !healthy(t) && !stopping.contains(t.taskArn()))
                    || stillStopping();
            if (leftBehind && !moved() && !settling && cluster.hasInstances()) {
                stall();
            }
            reportStops();
        }

        /**
         * The PRIMARY's tasks beyond the desired count: those not yet running first, then running ones
         * as the chooser picks them.
         */
        private List<ServiceTask> surplus(List<ServiceTask> keep, int desired) {
            int excess = keep.size() - desired;
            if (excess <= 0) {
                return List.of();
            }
            List<ServiceTask> surplus = new ArrayList<>(
                    keep.stream().filter(t -> !t.running()).limit(excess).toList());
            surplus.addAll(chosen(keep.stream().filter(ServiceTask::running).toList(), excess - surplus.size()));
            return surplus;
        }

        private void daemon() {
            Deployment primary = primary();
            if (primary.rolloutState() == RolloutState.FAILED) {
                return;
            }
            Set<String> eligible = cluster.eligibleInstances();
            DeploymentBounds bounds = spec.bounds();
            // Instances that are draining, gone or no longer meet the constraints lose their task.
            stop(live.stream().filter(t -> !t.isOn(eligible)).toList(), scaling());
            Map<String, List<ServiceTask>> byInstance = new TreeMap<>(live.stream()
                    .filter(t -> t.isOn(eligible))
                    .collect(Collectors.groupingBy(ServiceTask::containerInstanceArn)));
            List<ServiceTask> keepers = new ArrayList<>();
            for (List<ServiceTask> there : byInstance.values()) {
                List<ServiceTask> ranked = there.stream().sorted(Comparator
                        .comparing((ServiceTask t) -> !primary.id().equals(t.deploymentId()))
                        .thenComparing(t -> !t.running())
                        .thenComparing(ServiceTask::taskArn)).toList();
                keepers.add(ranked.get(0));
                stop(ranked.subList(1, ranked.size()), scaling());
            }
            stopUnhealthy(keepers.stream().filter(t -> t.failedHealthChecks(now, grace())).toList());
            // Rolling instance by instance: the old task stops, the new one starts once the instance is free.
            List<ServiceTask> older = keepers.stream()
                    .filter(t -> !primary.id().equals(t.deploymentId()) && !stopping.contains(t.taskArn())).toList();
            stop(older.stream().filter(t -> !healthy(t)).toList(), scaling());
            List<ServiceTask> olderHealthy = older.stream().filter(this::healthy).toList();
            int allowance = bounds.stoppable(countHealthy(keepers));
            stop(olderHealthy.subList(0, Math.min(allowance, olderHealthy.size())), scaling());

            Set<String> occupied = tasks.stream().filter(t -> !t.stopped()).map(ServiceTask::containerInstanceArn)
                    .collect(Collectors.toSet());
            List<String> free = eligible.stream().filter(i -> !occupied.contains(i)).sorted().toList();
            List<String> targets = free.subList(0, Math.min(free.size(), bounds.startable(occupying)));
            if (!targets.isEmpty()) {
                starts.add(new StartTasks(primary.id(), primary.taskDefinitionArn(), targets.size(), targets));
            }
            boolean leftBehind = olderHealthy.stream().anyMatch(t -> !stopping.contains(t.taskArn()))
                    || targets.size() < free.size();
            boolean settling = live.stream().anyMatch(t -> !healthy(t) && !stopping.contains(t.taskArn()))
                    || stillStopping();
            if (leftBehind && !moved() && !settling) {
                stall();
            }
            reportStops();
        }

        private void stopUnhealthy(List<ServiceTask> unhealthy) {
            for (ServiceTask task : unhealthy) {
                messages.add(ServiceMessages.failedHealthChecks(spec.serviceName(), task.taskArn()));
                // Counts only while no task of the deployment has been healthy: once the breaker has
                // judged this round, a later count would trip it on the next decision of the same facts.
                if (deployments.stream().noneMatch(d -> d.id().equals(task.deploymentId()) && d.healthyTaskSeen())) {
                    countFailure(task.deploymentId());
                }
            }
            stop(unhealthy, Action.FAILED_HEALTH_CHECKS);
        }

        /** Tasks told to stop that have not stopped yet: they hold room the next decision gets back. */
        private boolean stillStopping() {
            return tasks.stream().anyMatch(t -> t.occupies() && !t.live());
        }

        private void stall() {
            stalled = true;
            messages.add(ServiceMessages.unableToProgress(spec.serviceName()));
        }

        /**
         * The deployments' counts, removals, completion and the steady state, judged on the service as
         * it is once this decision's actions are carried out; then the next state.
         */
        Decision finish() {
            List<ServiceTask> staying = live.stream().filter(t -> !stopping.contains(t.taskArn())).toList();
            if (spec.hasTaskSets()) {
                return finishTaskSets(staying);
            }
            List<Deployment> result = new ArrayList<>();
            Deployment rollingBack = deployments.get(0).isRollback() ? deployments.get(0) : null;
            for (Deployment d : deployments) {
                List<ServiceTask> own = staying.stream().filter(t -> d.id().equals(t.deploymentId())).toList();
                boolean failedBesideRollback = rollingBack != null && d.rolloutState() == RolloutState.FAILED;
                if (!d.isPrimary() && own.isEmpty() && !failedBesideRollback) {
                    changes.add(new Removed(d.id(), now));
                    continue;
                }
                int running = (int) own.stream().filter(ServiceTask::running).count();
                int desired = d.isPrimary() ? spec.desiredCount() : own.size();
                result.add(d.withCounts(desired, own.size() - running, running, now));
            }
            Deployment primary = result.get(0);
            // The failed deployment shown beside its rollback owns no task: it does not hold the rollback back.
            boolean alone = result.stream().skip(1).allMatch(d -> d.rolloutState() == RolloutState.FAILED
                    && staying.stream().noneMatch(t -> d.id().equals(t.deploymentId())));
            boolean settled = state.status() == ServiceState.Status.ACTIVE && starts.isEmpty() && !stalled
                    && alone && staying.size() == spec.desiredCount()
                    && staying.stream().allMatch(t -> primary.id().equals(t.deploymentId()) && settled(t))
                    && (!spec.isDaemon() || onEveryEligibleInstance(staying));
            Deployment lastCompleted = state.lastCompletedDeployment();
            if (settled && primary.rolloutState() == RolloutState.IN_PROGRESS) {
                Deployment completed = primary.withRollout(RolloutState.COMPLETED, Deployment.completed(primary.id()),
                        now);
                result.set(0, completed);
                // Once the rollback completed, the deployment it replaced leaves the list as ECS drops it.
                for (Deployment failed : List.copyOf(result.subList(1, result.size()))) {
                    result.remove(failed);
                    changes.add(new Removed(failed.id(), now));
                }
                lastCompleted = completed;
                changes.add(new Completed(primary.id(), now));
                messages.add(ServiceMessages.deploymentCompleted(spec.serviceName(), primary.id()));
            }
            boolean steady = settled && result.get(0).rolloutState() == RolloutState.COMPLETED;
            return decided(next(result, lastCompleted, steady, staying));
        }

        /**
         * The next state: the steady-state message when it turns steady, INACTIVE once a DRAINING
         * service's tasks have really stopped (not when their stops are asked), the STOPPED tasks seen.
         */
        private ServiceState next(List<Deployment> result, Deployment lastCompleted, boolean steady,
                List<ServiceTask> staying) {
            if (steady && !state.steady()) {
                messages.add(ServiceMessages.steadyState(spec.serviceName()));
            }
            ServiceState.Status status = state.status() == ServiceState.Status.DRAINING && staying.isEmpty()
                    && tasks.stream().allMatch(ServiceTask::stopped) ? ServiceState.Status.INACTIVE : state.status();
            Set<String> seenStopped = tasks.stream().filter(ServiceTask::stopped).map(ServiceTask::taskArn)
                    .collect(Collectors.toSet());
            return state.with(spec, status, result, lastCompleted, steady, seenStopped);
        }

        /**
         * A service of task sets: each set's counts and stability (STEADY_STATE once it runs its computed
         * desired count of settled tasks and no other, with the TASKSET_STEADY_STATE message), DRAINING
         * sets removed once their last task stopped, the service steady when every set is.
         */
        private Decision finishTaskSets(List<ServiceTask> staying) {
            Set<String> starting = starts.stream().map(StartTasks::deploymentId).collect(Collectors.toSet());
            List<TaskSet> result = new ArrayList<>();
            boolean allSteady = true;
            for (TaskSet set : state.taskSets()) {
                List<ServiceTask> own = staying.stream().filter(t -> set.id().equals(t.deploymentId())).toList();
                boolean occupied = tasks.stream().anyMatch(t -> set.id().equals(t.deploymentId()) && t.occupies());
                if (set.status() == TaskSet.Status.DRAINING && own.isEmpty() && !occupied) {
                    continue;
                }
                int wanted = set.wanted(spec.desiredCount());
                int running = (int) own.stream().filter(ServiceTask::running).count();
                TaskSet counted = set.withCounts(wanted, own.size() - running, running, now);
                boolean steady = state.status() == ServiceState.Status.ACTIVE && !starting.contains(set.id())
                        && own.size() == wanted && own.stream().allMatch(this::settled)
                        && tasks.stream().noneMatch(t -> set.id().equals(t.deploymentId())
                                && (stopping.contains(t.taskArn()) || t.occupies() && !t.live()));
                String stability = steady ? TaskSet.STEADY_STATE : TaskSet.STABILIZING;
                if (!stability.equals(set.stabilityStatus())) {
                    counted = counted.withStability(stability, now);
                    if (steady) {
                        messages.add(ServiceMessages.taskSetSteadyState(spec.serviceName(), set.id()));
                    }
                }
                allSteady &= steady;
                result.add(counted);
            }
            boolean steady = state.status() == ServiceState.Status.ACTIVE && allSteady && starts.isEmpty()
                    && stopping.isEmpty() && !stillStopping();
            return decided(next(List.of(), state.lastCompletedDeployment(), steady, staying).withTaskSets(result));
        }

        /** The decision: {@code next} with this round's messages recorded, and the actions. */
        private Decision decided(ServiceState decidedState) {
            ServiceState next = decidedState;
            List<ServiceMessage> written = new ArrayList<>();
            for (String message : messages) {
                ServiceState after = next.record(message, now);
                if (after != next) {
                    written.add(after.events().get(0));
                }
                next = after;
            }
            List<Action> actions = new ArrayList<>();
            stopsByReason.forEach((reason, arns) -> actions.add(new StopTasks(arns, Action.SERVICE_SCHEDULER_INITIATED,
                    reason)));
            actions.addAll(starts);
            return new Decision(actions, changes, written, stalled, next);
        }

        private boolean onEveryEligibleInstance(List<ServiceTask> primaryTasks) {
            return primaryTasks.stream().map(ServiceTask::containerInstanceArn).collect(Collectors.toSet())
                    .equals(new HashSet<>(cluster.eligibleInstances()));
        }

        private void stop(List<ServiceTask> list, String reason) {
            for (ServiceTask task : list) {
                if (stopping.add(task.taskArn())) {
                    stopsByReason.computeIfAbsent(reason, r -> new ArrayList<>()).add(task.taskArn());
                }
            }
        }

        private void reportStops() {
            if (!stopping.isEmpty()) {
                messages.add(ServiceMessages.stopped(spec.serviceName(), List.copyOf(stopping)));
            }
        }

        /** {@code howMany} of the running {@code candidates}, as the chooser picks them. */
        private List<ServiceTask> chosen(List<ServiceTask> candidates, int howMany) {
            if (howMany <= 0) {
                return List.of();
            }
            Map<String, ServiceTask> byArn = new LinkedHashMap<>();
            candidates.forEach(t -> byArn.put(t.taskArn(), t));
            // A chooser built on the cluster index may answer with tasks outside the candidates or
            // fewer than asked; the answer is trimmed to candidates and completed in ARN order.
            Set<ServiceTask> picked = new LinkedHashSet<>();
            for (String arn : chooser.choose(candidates, howMany)) {
                if (byArn.containsKey(arn) && picked.size() < howMany) {
                    picked.add(byArn.get(arn));
                }
            }
            for (ServiceTask t : candidates) {
                if (picked.size() >= howMany) {
                    break;
                }
                picked.add(t);
            }
            return List.copyOf(picked);
        }

        private Deployment primary() {
            return deployments.get(0);
        }

        private String scaling() {
            return Action.scalingActivity(primary().id());
        }

        private boolean moved() {
            return !stopping.isEmpty() || !starts.isEmpty();
        }

        private int grace() {
            return spec.healthCheckGracePeriodSeconds();
        }

        private boolean healthy(ServiceTask task) {
            return task.healthy(now, grace());
        }

        /** Healthy, and past the stability window unless its health check already said HEALTHY. */
        private boolean settled(ServiceTask task) {
            return healthy(task) && settlesAt(task, now).isEmpty();
        }

        private int countHealthy(List<ServiceTask> list) {
            return (int) list.stream().filter(this::healthy).count();
        }
    }
}
