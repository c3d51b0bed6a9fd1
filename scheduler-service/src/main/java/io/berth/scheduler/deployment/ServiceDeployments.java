package io.berth.scheduler.deployment;

import io.berth.events.EventEnvelope;
import io.berth.events.ServiceEvent;
import io.berth.events.ServiceEvent.DeploymentCompleted;
import io.berth.events.ServiceEvent.DeploymentFailed;
import io.berth.events.ServiceEvent.DeploymentStarted;
import io.berth.events.Shapes.DeploymentConfiguration;
import io.berth.scheduler.service.CircuitBreaker;
import io.berth.scheduler.service.Deployment;
import io.berth.scheduler.service.ServiceDecider;
import io.berth.scheduler.service.ServiceSpec;
import io.berth.scheduler.service.ServiceState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A service's deployment history as ECS's service deployments API shows it, folded from the events of
 * the service's stream (ADR 0040). Pure.
 *
 * <p>Each deployment of {@code Service.deployments[]} (an {@code ecs-svc/} id) is one service
 * deployment and one service revision, both named by the id's digits. A circuit breaker's rollback is
 * not a service deployment of its own, as in ECS: it is the {@code rollback} of the deployment that
 * failed, whose status goes ROLLBACK_IN_PROGRESS, then ROLLBACK_SUCCESSFUL or ROLLBACK_FAILED, and
 * it deploys the revision it restores again.
 */
public final class ServiceDeployments {

    /** ECS's status of a service deployment. */
    public enum Status {
        PENDING, IN_PROGRESS, SUCCESSFUL, STOPPED, STOP_REQUESTED, ROLLBACK_REQUESTED, ROLLBACK_IN_PROGRESS,
        ROLLBACK_SUCCESSFUL, ROLLBACK_FAILED
    }

    /**
     * One revision: what the service ran with for a deployment, frozen when the deployment started.
     *
     * @param spec the service's spec just after the deployment started
     */
    public record Revision(String id, ServiceSpec spec, Instant createdAt) {
    }

    /** A deployment's tasks as last counted, for {@code sourceServiceRevisions}/{@code targetServiceRevision}. */
    public record Counts(String revisionId, int requested, int running, int pending) {
    }

    /**
     * One service deployment.
     *
     * @param revision the revision it deploys
     * @param sources the revisions running when it started, with their counts as last seen
     * @param target its own revision's counts as last seen
     * @param rollback the rollback the circuit breaker started for it, or null
     * @param failedTasks the breaker's count, as last seen
     */
    public record Entry(String id, Revision revision, DeploymentConfiguration configuration, Status status,
            String statusReason, Instant createdAt, Instant finishedAt, Instant stoppedAt, Instant updatedAt,
            List<Counts> sources, Counts target, Rollback rollback, boolean breakerTriggered, int failedTasks) {

        /** Whether the breaker watched it: it was enabled for the service when the deployment started. */
        public boolean breakerEnabled() {
            return configuration.deploymentCircuitBreaker() != null
                    && configuration.deploymentCircuitBreaker().enable();
        }

        public int threshold() {
            return CircuitBreaker.threshold(target.requested());
        }
    }

    /**
     * @param deploymentId the Berth deployment ({@code ecs-svc/…}) that carries the rollback out
     * @param restoredRevisionId the revision it deploys again
     */
    public record Rollback(String deploymentId, String reason, Instant startedAt, String restoredRevisionId) {
    }

    /** Every service deployment and every revision of a service, in the order they started. */
    public record History(List<Entry> deployments, Map<String, Revision> revisions) {

        public Optional<Entry> deployment(String id) {
            return deployments.stream().filter(d -> d.id().equals(id)).findFirst();
        }
    }

    private static final ServiceDecider DECIDER = new ServiceDecider();

    private ServiceDeployments() {
    }

    /** The digits of a deployment id, which name its service deployment and its revision. */
    public static String idOf(String deploymentId) {
        return deploymentId.substring(Deployment.ID_PREFIX.length());
    }

    /** Folds the service's events, oldest first, into its deployment history. */
    public static History of(List<EventEnvelope> events) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        Map<String, Revision> revisions = new LinkedHashMap<>();
        // The Berth deployments that carry a rollback out, by id: the service deployment each belongs to.
        Map<String, String> rollbacks = new LinkedHashMap<>();
        ServiceState state = DECIDER.initialState();
        for (EventEnvelope envelope : events) {
            if (!(envelope.payload() instanceof ServiceEvent event)) {
                continue;
            }
            ServiceState before = state;
            state = DECIDER.evolve(state, event);
            if (state == null) {
                continue;
            }
            Instant at = envelope.occurredAt();
            if (event instanceof DeploymentStarted started) {
                started(entries, revisions, rollbacks, before, state, started, at);
            } else if (event instanceof DeploymentFailed failed) {
                failed(entries, rollbacks, failed, at);
            } else if (event instanceof DeploymentCompleted completed) {
                completed(entries, rollbacks, completed.deploymentId(), at);
            }
            counted(entries, rollbacks, state, at);
        }
        return new History(List.copyOf(entries.values()), Map.copyOf(revisions));
    }

    private static void started(Map<String, Entry> entries, Map<String, Revision> revisions,
            Map<String, String> rollbacks, ServiceState before, ServiceState after, DeploymentStarted started,
            Instant at) {
        String id = idOf(started.deploymentId());
        String owner = rollbacks.get(id);
        if (owner != null && started.restoredDeploymentId() != null) {
            Entry failed = entries.get(owner);
            String reason = after.deployment(started.deploymentId()).map(Deployment::rolloutStateReason)
                    .orElse(Deployment.rollingBack(started.restoredDeploymentId()));
            entries.put(owner, with(failed, Status.ROLLBACK_IN_PROGRESS, failed.statusReason(), null, null, at,
                    new Rollback(id, reason, at, revisionOf(rollbacks, entries, idOf(started.restoredDeploymentId())))));
            return;
        }
        // A newer deployment replaces the one still in progress: ECS stops it.
        for (Entry e : List.copyOf(entries.values())) {
            if (e.finishedAt() == null) {
                entries.put(e.id(), with(e, Status.STOPPED, "Stopped by the newer deployment "
                        + started.deploymentId() + ".", at, at, at, e.rollback()));
            }
        }
        Revision revision = new Revision(id, after.spec(), at);
        revisions.put(id, revision);
        List<Counts> sources = new ArrayList<>();
        for (Deployment d : before == null ? List.<Deployment>of() : before.deployments()) {
            sources.add(new Counts(revisionOf(rollbacks, entries, idOf(d.id())), d.desiredCount(), d.runningCount(),
                    d.pendingCount()));
        }
        entries.put(id, new Entry(id, revision, after.spec().deploymentConfiguration(), Status.IN_PROGRESS,
                Deployment.inProgress(started.deploymentId()), at, null, null, at, List.copyOf(sources),
                new Counts(id, started.desiredCount(), 0, 0), null, false, 0));
    }

    private static void failed(Map<String, Entry> entries, Map<String, String> rollbacks, DeploymentFailed failed,
            Instant at) {
        String id = idOf(failed.deploymentId());
        String owner = rollbacks.get(id);
        if (owner != null) {
            Entry e = entries.get(owner);
            entries.put(owner, with(e, Status.ROLLBACK_FAILED, failed.reason(), at, null, at, e.rollback()));
            return;
        }
        Entry e = entries.get(id);
        if (e == null) {
            return;
        }
        // A StopServiceDeployment fails the deployment too, without the breaker having tripped.
        boolean byBreaker = Deployment.CIRCUIT_BREAKER_FAILED.equals(failed.reason());
        Entry tripped = new Entry(e.id(), e.revision(), e.configuration(), e.status(), e.statusReason(),
                e.createdAt(), e.finishedAt(), e.stoppedAt(), e.updatedAt(), e.sources(), e.target(), e.rollback(),
                byBreaker, e.failedTasks());
        if (failed.rollbackDeploymentId() != null) {
            rollbacks.put(idOf(failed.rollbackDeploymentId()), id);
            entries.put(id, with(tripped, Status.ROLLBACK_REQUESTED, failed.reason(), null, null, at, null));
        } else {
            entries.put(id, with(tripped, Status.STOPPED, failed.reason(), at, at, at, null));
        }
    }

    private static void completed(Map<String, Entry> entries, Map<String, String> rollbacks, String deploymentId,
            Instant at) {
        String id = idOf(deploymentId);
        String owner = rollbacks.get(id);
        Entry e = entries.get(owner != null ? owner : id);
        if (e == null || e.finishedAt() != null) {
            return;
        }
        entries.put(e.id(), owner != null
                ? with(e, Status.ROLLBACK_SUCCESSFUL, e.statusReason(), at, null, at, e.rollback())
                : with(e, Status.SUCCESSFUL, Deployment.completed(deploymentId), at, null, at, null));
    }

    /**
     * The counts of every deployment the service lists, on the service deployments still going: a
     * deployment's own as its target, any other as one of its sources. A finished one keeps its last.
     */
    private static void counted(Map<String, Entry> entries, Map<String, String> rollbacks, ServiceState state,
            Instant at) {
        for (Deployment d : state.deployments()) {
            String id = idOf(d.id());
            Counts counts = new Counts(revisionOf(rollbacks, entries, id), d.desiredCount(), d.runningCount(),
                    d.pendingCount());
            for (Entry e : List.copyOf(entries.values())) {
                if (e.finishedAt() != null) {
                    continue;
                }
                boolean own = e.id().equals(id);
                List<Counts> sources = own ? e.sources() : e.sources().stream()
                        .map(source -> source.revisionId().equals(counts.revisionId()) ? counts : source).toList();
                Counts target = own ? counts : e.target();
                int failed = own ? d.failedTasks() : e.failedTasks();
                if (!target.equals(e.target()) || !sources.equals(e.sources()) || failed != e.failedTasks()) {
                    entries.put(e.id(), new Entry(e.id(), e.revision(), e.configuration(), e.status(),
                            e.statusReason(), e.createdAt(), e.finishedAt(), e.stoppedAt(), at, sources, target,
                            e.rollback(), e.breakerTriggered(), failed));
                }
            }
        }
    }

    /** A rollback runs the revision it restores; any other deployment its own. */
    private static String revisionOf(Map<String, String> rollbacks, Map<String, Entry> entries, String id) {
        String owner = rollbacks.get(id);
        if (owner == null) {
            return id;
        }
        Rollback rollback = entries.get(owner).rollback();
        return rollback == null ? id : rollback.restoredRevisionId();
    }

    private static Entry with(Entry e, Status status, String reason, Instant finishedAt, Instant stoppedAt,
            Instant at, Rollback rollback) {
        return new Entry(e.id(), e.revision(), e.configuration(), status, reason, e.createdAt(), finishedAt,
                stoppedAt, at, e.sources(), e.target(), rollback, e.breakerTriggered(), e.failedTasks());
    }
}
