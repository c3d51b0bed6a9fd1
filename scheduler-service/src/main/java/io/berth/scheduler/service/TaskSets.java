package io.berth.scheduler.service;

import io.berth.ecs.EcsErrors;
import io.berth.ecs.EcsException;
import io.berth.ecs.Tags;
import io.berth.events.ServiceEvent;
import io.berth.events.ServiceEvent.TaskSetCreated;
import io.berth.events.ServiceEvent.TaskSetDeleted;
import io.berth.events.ServiceEvent.TaskSetMadePrimary;
import io.berth.events.ServiceEvent.TaskSetRemoved;
import io.berth.events.ServiceEvent.TaskSetScaled;
import io.berth.events.ServiceEvent.TaskSetStabilityChanged;
import io.berth.events.Shapes.CapacityProviderStrategyItem;
import io.berth.scheduler.service.ServiceCommand.CreateTaskSet;
import io.berth.scheduler.service.ServiceCommand.DeleteTaskSet;
import io.berth.scheduler.service.ServiceCommand.MakePrimaryTaskSet;
import io.berth.scheduler.service.ServiceCommand.ScaleTaskSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The task set commands of a service with the EXTERNAL controller, decided on the service's state,
 * and the task set events folded into it: part of the {@link ServiceDecider}, since a task set lives
 * in its service's stream (ADR 0046). Pure.
 */
final class TaskSets {

    static final String TASK_SET_NOT_FOUND = "TaskSetNotFoundException";
    /** ECS answers this on every task set API of a service of another controller. */
    static final String EXTERNAL_ONLY = "Amazon ECS only supports task set management on services configured to"
            + " use external deployment controllers.";
    /** ECS keeps at most five task sets (deployments) per service. */
    static final int MAX_TASK_SETS = 5;
    static final double DEFAULT_SCALE = 100.0;
    private static final String PERCENT = "PERCENT";

    private TaskSets() {
    }

    /** Decides a task set command on an ACTIVE service. */
    static List<ServiceEvent> decide(ServiceCommand command, ServiceState state) {
        if (!ServiceSpec.EXTERNAL.equals(state.spec().deploymentController())) {
            throw EcsErrors.invalidParameter(EXTERNAL_ONLY);
        }
        String cluster = state.spec().clusterArn();
        String service = state.spec().serviceArn();
        if (command instanceof CreateTaskSet create) {
            if (state.taskSet(create.taskSetId()).isPresent()) {
                return List.of();
            }
            return List.of(create(create, state));
        }
        if (command instanceof ScaleTaskSet scale) {
            TaskSet set = live(state, scale.taskSetId());
            return List.of(new TaskSetScaled(cluster, service, set.id(), scale(scale.scale(), scale.scaleUnit(), null),
                    scale.at()));
        }
        if (command instanceof DeleteTaskSet delete) {
            TaskSet set = found(state, delete.taskSetId());
            if (set.status() == TaskSet.Status.DRAINING) {
                return List.of();
            }
            if (!delete.force() && set.isPrimary()) {
                throw EcsErrors.invalidParameter("Task set " + set.id() + " is the PRIMARY task set of the service:"
                        + " make another one primary first, or delete it with force.");
            }
            if (!delete.force() && set.scale() > 0) {
                throw EcsErrors.invalidParameter("Task set " + set.id() + " has not been scaled down to zero:"
                        + " scale it to 0 first, or delete it with force.");
            }
            return List.of(new TaskSetDeleted(cluster, service, set.id(), delete.at()));
        }
        MakePrimaryTaskSet primary = (MakePrimaryTaskSet) command;
        TaskSet set = live(state, primary.taskSetId());
        return set.isPrimary() ? List.of() : List.of(new TaskSetMadePrimary(cluster, service, set.id(), primary.at()));
    }

    /** The task set a task set command names. */
    static String idOf(ServiceCommand command) {
        if (command instanceof CreateTaskSet c) {
            return c.taskSetId();
        }
        if (command instanceof ScaleTaskSet c) {
            return c.taskSetId();
        }
        if (command instanceof DeleteTaskSet c) {
            return c.taskSetId();
        }
        return ((MakePrimaryTaskSet) command).taskSetId();
    }

    /**
     * The first task set of a CODE_DEPLOY service: PRIMARY, all of the desired count, from the
     * service's task definition and launch, as ECS creates it for CodeDeploy.
     */
    static TaskSetCreated codeDeployPrimary(ServiceSpec spec, String taskSetId, Instant at) {
        return new TaskSetCreated(spec.clusterArn(), spec.serviceArn(), taskSetId, spec.taskDefinitionArn(), null,
                spec.launchType(), spec.capacityProviderStrategy(), spec.platformVersion(), spec.platformFamily(),
                spec.networkConfiguration(), spec.loadBalancers(), DEFAULT_SCALE, true, List.of(), at);
    }

    private static TaskSetCreated create(CreateTaskSet command, ServiceState state) {
        if (command.taskDefinitionArn() == null || command.taskDefinitionArn().isBlank()) {
            throw EcsErrors.missing("taskDefinition");
        }
        if (state.taskSets().size() >= MAX_TASK_SETS) {
            throw EcsErrors.invalidParameter(state.taskSets().size() + " deployments exist on the service. Unable to"
                    + " create new TaskSet since this exceeds the maximum limit.");
        }
        if (command.externalId() != null && command.externalId().length() > 255) {
            throw EcsErrors.invalidParameter("externalId can have at most 255 characters.");
        }
        List<CapacityProviderStrategyItem> strategy = command.capacityProviderStrategy();
        boolean hasStrategy = strategy != null && !strategy.isEmpty();
        if (command.launchType() != null && hasStrategy) {
            throw EcsErrors.invalidParameter("Specifying both a launch type and capacity provider strategy is not"
                    + " supported. Remove one and try again.");
        }
        if (command.tags() != null && command.tags().size() > Tags.MAX_TAGS) {
            throw EcsErrors.invalidParameter("tags can have at most " + Tags.MAX_TAGS + " items.");
        }
        ServiceSpec spec = state.spec();
        // A set that names no launch runs as the service launches.
        boolean own = command.launchType() != null || hasStrategy;
        return new TaskSetCreated(spec.clusterArn(), spec.serviceArn(), command.taskSetId(),
                command.taskDefinitionArn(), command.externalId(), own ? command.launchType() : spec.launchType(),
                own ? (hasStrategy ? strategy : null) : spec.capacityProviderStrategy(), command.platformVersion(),
                command.platformFamily(), command.networkConfiguration(),
                command.loadBalancers() == null ? List.of() : command.loadBalancers(),
                scale(command.scale(), command.scaleUnit(), DEFAULT_SCALE), false,
                command.tags() == null ? List.of() : command.tags(), command.at());
    }

    /** The scale in percent: 0 to 100, unit PERCENT; {@code otherwise} when not given (null: required). */
    private static double scale(Double value, String unit, Double otherwise) {
        if (unit != null && !PERCENT.equals(unit)) {
            throw EcsErrors.invalidParameter("scale.unit must be PERCENT.");
        }
        if (value == null) {
            if (otherwise == null) {
                throw EcsErrors.missing("scale");
            }
            return otherwise;
        }
        if (value.isNaN() || value < 0 || value > 100) {
            throw EcsErrors.invalidParameter("scale.value must be between 0 and 100.");
        }
        return value;
    }

    private static TaskSet found(ServiceState state, String id) {
        return state.taskSet(id).orElseThrow(() -> new EcsException(TASK_SET_NOT_FOUND,
                "The specified task set does not exist."));
    }

    /** A set that is not being deleted. */
    private static TaskSet live(ServiceState state, String id) {
        TaskSet set = found(state, id);
        if (set.status() == TaskSet.Status.DRAINING) {
            throw EcsErrors.invalidParameter("Task set " + id + " is DRAINING: it was deleted.");
        }
        return set;
    }

    /** The task set events folded into the service; the state unchanged by any other event. */
    static ServiceState evolve(ServiceState state, ServiceEvent event) {
        int desired = state.spec().desiredCount();
        if (event instanceof TaskSetCreated c) {
            TaskSet set = new TaskSet(c.taskSetId(), c.primary() ? TaskSet.Status.PRIMARY : TaskSet.Status.ACTIVE,
                    c.taskDefinitionArn(), c.externalId(), c.launchType(), c.capacityProviderStrategy(),
                    c.platformVersion(), c.platformFamily(), c.networkConfiguration(), c.loadBalancers(), c.scale(),
                    TaskSet.computedDesiredCount(desired, c.scale()), 0, 0, TaskSet.STABILIZING, c.at(), c.tags(),
                    c.at(), c.at());
            List<TaskSet> sets = new ArrayList<>(state.taskSets());
            sets.add(set);
            ServiceState next = state.withTaskSets(sets);
            return c.primary() ? primary(next, set) : next;
        }
        if (event instanceof TaskSetScaled s) {
            return map(state, s.taskSetId(), t -> t.withScale(s.scale(), s.at())
                    .withCounts(TaskSet.computedDesiredCount(desired, s.scale()), t.pendingCount(), t.runningCount(),
                            s.at()));
        }
        if (event instanceof TaskSetMadePrimary p) {
            ServiceState next = map(state, null, t -> t.isPrimary() ? t.withStatus(TaskSet.Status.ACTIVE, p.at()) : t);
            next = map(next, p.taskSetId(), t -> t.withStatus(TaskSet.Status.PRIMARY, p.at()));
            return primary(next, next.taskSet(p.taskSetId()).orElseThrow());
        }
        if (event instanceof TaskSetDeleted d) {
            return map(state, d.taskSetId(), t -> t.withStatus(TaskSet.Status.DRAINING, d.at()));
        }
        if (event instanceof TaskSetRemoved r) {
            return state.withTaskSets(state.taskSets().stream().filter(t -> !t.id().equals(r.taskSetId())).toList());
        }
        if (event instanceof TaskSetStabilityChanged s) {
            return map(state, s.taskSetId(), t -> t.withStability(s.stabilityStatus(), s.at()));
        }
        return state;
    }

    /** The service takes its PRIMARY set's task definition, as DescribeServices shows it. */
    private static ServiceState primary(ServiceState state, TaskSet set) {
        return state.with(state.spec().withTaskDefinition(set.taskDefinitionArn()), state.status(),
                state.deployments(), state.lastCompletedDeployment(), false, state.countedStops());
    }

    /** {@code change} applied to the set {@code id}, or to every set when {@code id} is null. */
    private static ServiceState map(ServiceState state, String id, UnaryOperator<TaskSet> change) {
        return state.withTaskSets(state.taskSets().stream()
                .map(t -> id == null || t.id().equals(id) ? change.apply(t) : t).toList());
    }
}
