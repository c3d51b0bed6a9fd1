package io.berth.scheduler.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.events.EventEnvelope;
import io.berth.events.EventTypes;
import io.berth.events.ServiceEvent;
import io.berth.events.ServiceEvent.DeploymentCompleted;
import io.berth.events.ServiceEvent.DeploymentFailed;
import io.berth.events.ServiceEvent.DeploymentRemoved;
import io.berth.events.ServiceEvent.DeploymentStarted;
import io.berth.events.ServiceEvent.ServiceCreated;
import io.berth.events.ServiceEvent.ServiceTasksCounted;
import io.berth.events.ServiceEvent.ServiceUpdated;
import io.berth.events.Shapes.DeploymentCircuitBreaker;
import io.berth.events.Shapes.DeploymentConfiguration;
import io.berth.events.Shapes.DeploymentCounts;
import io.berth.scheduler.deployment.ServiceDeployments.Entry;
import io.berth.scheduler.deployment.ServiceDeployments.History;
import io.berth.scheduler.deployment.ServiceDeployments.Status;
import io.berth.scheduler.service.Deployment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A service's deployment history folded from its events, and its ECS shapes. */
class ServiceDeploymentsTest {

    static final String PREFIX = "arn:aws:ecs:eu-west-1:123456789012:";
    static final String CLUSTER = PREFIX + "cluster/prod";
    static final String SERVICE = PREFIX + "service/prod/web";
    static final String TD1 = PREFIX + "task-definition/web:1";
    static final String TD2 = PREFIX + "task-definition/web:2";
    static final String TD3 = PREFIX + "task-definition/web:3";
    static final String FIRST = Deployment.deriveId("first");
    static final String SECOND = Deployment.deriveId("second");
    static final String ROLLBACK = Deployment.deriveId("rollback");
    static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

    private final List<EventEnvelope> events = new ArrayList<>();

    private void at(int seconds, ServiceEvent... payloads) {
        for (ServiceEvent payload : payloads) {
            events.add(new EventEnvelope(UUID.randomUUID(), EventTypes.nameOf(payload), "service", SERVICE,
                    events.size() + 1, "123456789012", "eu-west-1", T0.plusSeconds(seconds), UUID.randomUUID(), null,
                    EventTypes.CURRENT_SCHEMA_VERSION, payload));
        }
    }

    private static ServiceTasksCounted counted(int seconds, DeploymentCounts... counts) {
        return new ServiceTasksCounted(CLUSTER, SERVICE, null, List.of(counts), null, List.of(), List.of(),
                T0.plusSeconds(seconds));
    }

    private static DeploymentCounts counts(String id, int desired, int running, int failed) {
        return new DeploymentCounts(id, desired, 0, running, failed, failed == 0);
    }

    private void createdAndCompleted(boolean rollback) {
        at(0, new ServiceCreated(CLUSTER, SERVICE, "web", TD1, 2, "REPLICA", "EC2",
                new DeploymentConfiguration(100, 200, new DeploymentCircuitBreaker(true, rollback)), List.of(),
                List.of(), null, 0, List.of(), null, null, List.of(), null, T0),
                new DeploymentStarted(CLUSTER, SERVICE, FIRST, TD1, 2, null, T0));
        at(5, counted(5, counts(FIRST, 2, 2, 0)));
        at(20, new DeploymentCompleted(CLUSTER, SERVICE, FIRST, T0.plusSeconds(20)));
    }

    private void updated(int seconds, String deploymentId, String taskDefinition) {
        Instant when = T0.plusSeconds(seconds);
        at(seconds, new ServiceUpdated(CLUSTER, SERVICE, null, taskDefinition,
                new DeploymentConfiguration(100, 200, new DeploymentCircuitBreaker(true, true)), false, null, null,
                null, null, null, null, null, when),
                new DeploymentStarted(CLUSTER, SERVICE, deploymentId, taskDefinition, 2, null, when));
    }

    @Test
    void aBreakerRollbackIsTheRollbackOfTheDeploymentThatFailedAndDeploysTheRestoredRevisionAgain() {
        createdAndCompleted(true);
        updated(30, SECOND, TD2);
        at(35, counted(35, counts(FIRST, 2, 2, 0), counts(SECOND, 2, 0, 3)));
        at(40, new DeploymentFailed(CLUSTER, SERVICE, SECOND, Deployment.CIRCUIT_BREAKER_FAILED, ROLLBACK,
                T0.plusSeconds(40)), new DeploymentStarted(CLUSTER, SERVICE, ROLLBACK, TD1, 2, FIRST,
                        T0.plusSeconds(40)));
        History rolling = ServiceDeployments.of(events);
        at(50, counted(50, counts(ROLLBACK, 2, 2, 0), counts(SECOND, 0, 0, 3)),
                new DeploymentRemoved(CLUSTER, SERVICE, FIRST, T0.plusSeconds(50)));
        at(60, new DeploymentCompleted(CLUSTER, SERVICE, ROLLBACK, T0.plusSeconds(60)),
                new DeploymentRemoved(CLUSTER, SERVICE, SECOND, T0.plusSeconds(60)));

        History history = ServiceDeployments.of(events);

        String first = ServiceDeployments.idOf(FIRST);
        String second = ServiceDeployments.idOf(SECOND);
        assertThat(history.deployments()).extracting(Entry::id).containsExactly(first, second);
        assertThat(history.revisions()).containsOnlyKeys(first, second);
        assertThat(rolling.deployment(second).orElseThrow().status()).isEqualTo(Status.ROLLBACK_IN_PROGRESS);
        Entry failed = history.deployment(second).orElseThrow();
        assertThat(failed.status()).isEqualTo(Status.ROLLBACK_SUCCESSFUL);
        assertThat(failed.statusReason()).isEqualTo("ECS deployment circuit breaker: tasks failed to start.");
        assertThat(failed.finishedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(failed.rollback().restoredRevisionId()).isEqualTo(first);
        assertThat(failed.rollback().reason())
                .isEqualTo("ECS deployment circuit breaker: rolling back to deploymentId " + FIRST + ".");
        assertThat(failed.failedTasks()).isEqualTo(3);

        JsonNode json = ServiceDeploymentQueries.deployment(SERVICE, failed);
        assertThat(json.path("serviceDeploymentArn").asText()).isEqualTo(PREFIX + "service-deployment/prod/web/"
                + second);
        assertThat(json.path("targetServiceRevision").path("arn").asText())
                .isEqualTo(PREFIX + "service-revision/prod/web/" + second);
        assertThat(json.path("sourceServiceRevisions").path(0).path("arn").asText())
                .isEqualTo(PREFIX + "service-revision/prod/web/" + first);
        assertThat(json.path("sourceServiceRevisions").path(0).path("runningTaskCount").asInt())
                .as("the restored revision's tasks, as the rollback counted them").isEqualTo(2);
        assertThat(json.path("rollback").path("serviceRevisionArn").asText())
                .isEqualTo(PREFIX + "service-revision/prod/web/" + first);
        assertThat(json.path("deploymentCircuitBreaker").path("status").asText()).isEqualTo("TRIGGERED");
        assertThat(json.path("deploymentCircuitBreaker").path("failureCount").asInt()).isEqualTo(3);
        assertThat(json.path("deploymentCircuitBreaker").path("threshold").asInt()).isEqualTo(3);

        Entry done = history.deployment(first).orElseThrow();
        assertThat(done.status()).isEqualTo(Status.SUCCESSFUL);
        assertThat(done.statusReason()).isEqualTo("ECS deployment " + FIRST + " completed.");
        assertThat(ServiceDeploymentQueries.breakerStatus(done)).isEqualTo("MONITORING_COMPLETE");
        JsonNode revision = ServiceDeploymentQueries.revision(SERVICE, history.revisions().get(second));
        assertThat(revision.path("taskDefinition").asText()).isEqualTo(TD2);
        assertThat(revision.path("launchType").asText()).isEqualTo("EC2");
        assertThat(revision.path("clusterArn").asText()).isEqualTo(CLUSTER);
    }

    @Test
    void withoutRollbackTheFailedDeploymentIsStoppedAndANewerOneStopsOneInProgress() {
        createdAndCompleted(false);
        updated(30, SECOND, TD2);
        at(40, new DeploymentFailed(CLUSTER, SERVICE, SECOND, Deployment.CIRCUIT_BREAKER_FAILED, null,
                T0.plusSeconds(40)));
        String third = Deployment.deriveId("third");
        updated(50, third, TD3);
        String fourth = Deployment.deriveId("fourth");
        updated(55, fourth, TD1);

        History history = ServiceDeployments.of(events);

        Entry failed = history.deployment(ServiceDeployments.idOf(SECOND)).orElseThrow();
        assertThat(failed.status()).isEqualTo(Status.STOPPED);
        assertThat(failed.stoppedAt()).isEqualTo(T0.plusSeconds(40));
        assertThat(ServiceDeploymentQueries.breakerStatus(failed)).isEqualTo("TRIGGERED");
        Entry replaced = history.deployment(ServiceDeployments.idOf(third)).orElseThrow();
        assertThat(replaced.status()).isEqualTo(Status.STOPPED);
        assertThat(replaced.statusReason()).isEqualTo("Stopped by the newer deployment " + fourth + ".");
        assertThat(history.deployment(ServiceDeployments.idOf(fourth)).orElseThrow().status())
                .isEqualTo(Status.IN_PROGRESS);
        assertThat(ServiceDeploymentQueries.breakerStatus(history.deployment(ServiceDeployments.idOf(fourth))
                .orElseThrow())).isEqualTo("MONITORING");
    }
}
