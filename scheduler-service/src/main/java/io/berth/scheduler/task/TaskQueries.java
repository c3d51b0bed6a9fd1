package io.berth.scheduler.task;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.ecs.Arns;
import io.berth.ecs.Batch;
import io.berth.ecs.Caller;
import io.berth.ecs.rest.CallerContext;
import io.berth.ecs.EcsErrors;
import io.berth.ecs.EcsRequest;
import io.berth.ecs.Pages;
import io.berth.events.EventEnvelope;
import io.berth.events.EventJson;
import io.berth.events.TaskEvent;
import io.berth.eventstore.DeciderRunner;
import io.berth.eventstore.EventStore;
import io.berth.eventstore.StreamId;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.TypedQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * DescribeTasks and ListTasks, from the task projection. The gateway has checked that the cluster
 * exists before it asks; stopped tasks older than the retention are gone.
 */
@ApplicationScoped
public class TaskQueries {

    static final Set<String> DESIRED_STATUSES = Set.of("RUNNING", "PENDING", "STOPPED");
    static final Set<String> LAUNCH_TYPES = Set.of("EC2", "FARGATE", "EXTERNAL", "MANAGED_INSTANCES");

    private static final TaskDecider DECIDER = new TaskDecider();

    private final CallerContext context;
    private final EventStore store;
    private final DeciderRunner runner;
    private final Duration retention;

    public TaskQueries(CallerContext context, EventStore store, DeciderRunner runner,
            @ConfigProperty(name = "berth.scheduler.stopped-task-retention") Duration retention) {
        this.context = context;
        this.store = store;
        this.runner = runner;
        this.retention = retention;
    }

    public ObjectNode describe(EcsRequest request) {
        Caller caller = context.caller();
        String cluster = Arns.clusterName(request);
        List<String> arns = Batch.asked(request, "tasks", 100, "Tasks cannot be empty.").stream()
                .map(idOrArn -> taskArn(caller, cluster, idOrArn)).toList();
        boolean withTags = request.include("TAGS").contains("TAGS");
        Map<String, TaskView> found = TaskView.byArn(arns);
        String clusterArn = Arns.cluster(caller, cluster);
        return Batch.answer("tasks", arns, arn -> Optional.ofNullable(found.get(arn))
                .filter(view -> view.clusterArn.equals(clusterArn) && !expired(view))
                .map(view -> view.json(withTags)));
    }

    /** The task as DescribeTasks shows it, if it exists in the cluster and is not past retention. */
    public Optional<TaskView> find(String taskArn, String clusterArn) {
        TaskView view = TaskView.findById(taskArn);
        if (view == null || !view.clusterArn.equals(clusterArn) || expired(view)) {
            return Optional.empty();
        }
        return Optional.of(view);
    }

    public ObjectNode list(EcsRequest request) {
        Caller caller = context.caller();
        String cluster = Arns.clusterName(request);
        String desired = request.string("desiredStatus").orElse("RUNNING");
        if (!DESIRED_STATUSES.contains(desired)) {
            throw EcsErrors.invalidParameter("desiredStatus must be one of RUNNING, PENDING, STOPPED.");
        }
        Optional<String> startedBy = request.string("startedBy");
        if (startedBy.isPresent() && (request.has("family") || request.has("serviceName")
                || request.has("containerInstance") || request.has("launchType"))) {
            throw EcsErrors.invalidParameter("startedBy must be the only filter when it is used.");
        }
        request.string("launchType").ifPresent(t -> {
            if (!LAUNCH_TYPES.contains(t)) {
                throw EcsErrors.invalidParameter("launchType must be one of EC2, EXTERNAL, FARGATE,"
                        + " MANAGED_INSTANCES.");
            }
        });
        StringBuilder query = new StringBuilder("clusterArn = :cluster and desiredStatus = :desired");
        Parameters parameters = Parameters.with("cluster", Arns.cluster(caller, cluster)).and("desired", desired);
        if (startedBy.isPresent()) {
            query.append(" and startedBy = :startedBy");
            parameters.and("startedBy", startedBy.get());
        }
        if (request.string("family").isPresent()) {
            query.append(" and family = :family");
            parameters.and("family", request.string("family").get());
        }
        if (request.string("serviceName").isPresent()) {
            query.append(" and group = :group");
            parameters.and("group", "service:" + request.string("serviceName").get());
        }
        if (request.string("containerInstance").isPresent()) {
            String instance = request.string("containerInstance").get();
            query.append(" and containerInstanceArn = :instance");
            parameters.and("instance", Arns.inCluster(caller, "container-instance", cluster, instance));
        }
        if (request.string("launchType").isPresent()) {
            query.append(" and launchType = :launchType");
            parameters.and("launchType", request.string("launchType").get());
        }
        query.append(" and (stoppedAt is null or stoppedAt >= :since) order by createdAt, taskArn");
        parameters.and("since", Instant.now().minus(retention));
        // The ARNs alone: a whole row carries the task's document, tags and placement, read for nothing here.
        TypedQuery<String> arnsQuery = TaskView.getEntityManager()
                .createQuery("select taskArn from TaskView where " + query, String.class);
        parameters.map().forEach(arnsQuery::setParameter);
        List<String> arns = arnsQuery.getResultList();
        return Pages.page(arns, request, 100, 100).writeTo(EventJson.mapper().createObjectNode(), "taskArns");
    }

    /** The events of a task of the caller's cluster, oldest first; they stay after the task left DescribeTasks. */
    public List<EventEnvelope> history(String cluster, String task) {
        return store.readStream(taskArn(cluster, task));
    }

    /** The task as DescribeTasks showed it at {@code at} (tags included), folded from its events. */
    public Optional<ObjectNode> asOf(String cluster, String task, Instant at) {
        TaskState state = runner.load(DECIDER, TaskEvent.class,
                new StreamId(TaskProjection.STREAM_TYPE, taskArn(cluster, task)), at);
        return Optional.ofNullable(state).map(TaskState::describedWithTags);
    }

    /**
     * The cluster's tasks that had been placed and had not stopped at {@code at}, each as DescribeTasks
     * showed it then: what the cluster ran at that moment, for as long as stopped tasks are retained.
     */
    public List<ObjectNode> inClusterAsOf(String cluster, Instant at) {
        return TaskView.<TaskView>list("clusterArn = ?1 and createdAt <= ?2 and (stoppedAt is null or stoppedAt > ?2)"
                + " order by createdAt, taskArn", clusterArn(cluster), at).stream()
                .map(v -> runner.load(DECIDER, TaskEvent.class, new StreamId(TaskProjection.STREAM_TYPE, v.taskArn),
                        at))
                .filter(state -> state != null && !"STOPPED".equals(state.task().lastStatus()))
                .map(TaskState::describedWithTags).toList();
    }

    /** A task of the caller's cluster, both named in a {@code /v1} path: the cluster by name or ARN, the task by id. */
    public String taskArn(String cluster, String task) {
        return Arns.inCluster(clusterArn(cluster), "task", task);
    }

    /** The cluster named in a {@code /v1} path, by name or ARN. */
    public String clusterArn(String cluster) {
        return Arns.clusterInPath(context.caller(), cluster);
    }


    /** A task of the cluster named by its id or ARN. */
    public static String taskArn(Caller caller, String cluster, String idOrArn) {
        return Arns.inCluster(caller, "task", cluster, idOrArn);
    }

    private boolean expired(TaskView view) {
        return view.stoppedAt != null && view.stoppedAt.isBefore(Instant.now().minus(retention));
    }
}
