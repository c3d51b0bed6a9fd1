package io.berth.scaling.capacity;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.berth.events.CapacityProviderEvent.CapacityProviderCreated;
import io.berth.events.CapacityProviderEvent.CapacityProviderDeleted;
import io.berth.events.CapacityProviderEvent.CapacityProviderUpdated;
import io.berth.events.EventEnvelope;
import io.berth.events.ScalingEvent.CapacityAdjustmentRequested;
import io.berth.events.Shapes.ManagedScaling;
import io.berth.events.TaskEvent.CapacityProviderReservationMeasured;
import io.berth.events.Topics;
import io.berth.eventstore.Position;
import io.berth.testsupport.EcsCalls;
import io.berth.testsupport.SharedInfrastructure;
import io.berth.testsupport.TestPublisher;
import io.berth.testsupport.TopicProbe;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Capacity-provider managed scaling through the real broker and database: the scheduler's
 * CapacityProviderReservation measurements in, the group's desired capacity out as
 * CapacityAdjustmentRequested, each decision visible in /v1 with its reason.
 */
@QuarkusTest
class ManagedScalingTest {

    EcsCalls caller = EcsCalls.newAccount();
    TestPublisher publisher = new TestPublisher();
    TopicProbe adjustments = new TopicProbe(SharedInfrastructure.get().kafkaBootstrapServers(),
            Topics.SCALING_EVENTS);
    String clusterArn = caller.arn("cluster/fleet");
    String asg = "arn:aws:autoscaling:eu-west-1:" + caller.account()
            + ":autoScalingGroup:5f1c2b3a-0d9e-4f8a-b7c6-d5e4f3a2b1c0:autoScalingGroupName/fleet";

    @AfterEach
    void close() {
        publisher.close();
        adjustments.close();
    }

    private void provider(String name, String terminationProtection) {
        String arn = caller.arn("capacity-provider/" + name);
        publisher.publish(TestPublisher.envelope("capacity-provider", arn, 1, caller.account(),
                new CapacityProviderCreated(arn, name, asg, new ManagedScaling("ENABLED", 100, 1, 10, 0),
                        terminationProtection, List.of(), null)));
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> ManagedScalingProvider.findById(arn) != null));
    }

    private void measured(String provider, int needed, int running, int reservation, List<String> empty,
            Instant at) {
        publisher.publish(TestPublisher.envelope("capacity-provider-reservation", clusterArn + "/" + provider, 1,
                caller.account(), new CapacityProviderReservationMeasured(clusterArn, provider, asg, needed, running,
                        reservation, 3, empty, at)));
    }

    private List<CapacityAdjustmentRequested> requested(String provider) {
        return adjustments.poll(e -> e.payload() instanceof CapacityAdjustmentRequested r
                && r.capacityProviderArn().equals(caller.arn("capacity-provider/" + provider))).stream()
                .map(EventEnvelope::payload).map(CapacityAdjustmentRequested.class::cast).toList();
    }

    private io.restassured.response.ValidatableResponse scaling(String provider) {
        return given().header("X-Berth-Account", caller.account()).header("X-Berth-Region", caller.region())
                .get("/v1/clusters/fleet/capacity-providers/" + provider + "/scaling").then().statusCode(200);
    }

    @Test
    void aMeasurementAboveTargetForTheHighAlarmsDatapointAsksAnEmptyGroupForTwoInstances() {
        provider("web", "DISABLED");
        Instant at = Instant.parse("2026-12-05T10:00:00Z");

        measured("web", 1, 0, 200, List.of(), at);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> scaling("web")
                .body("measurements.size()", equalTo(1))
                .body("measurements[0].desiredCapacity", nullValue())
                .body("measurements[0].reason", equalTo("CapacityProviderReservation 200 (M=1, N=0) above target"
                        + " 100: no scale-out before the high alarm; AlarmHigh OK (0 of 1 datapoints above 100 since "
                        + at + ", ALARM at " + at.plusSeconds(1) + ")")));
        assertThat(requested("web")).isEmpty();

        // One one-second datapoint in tests (one minute on ECS).
        measured("web", 1, 0, 200, List.of(), at.plusSeconds(1));

        CapacityAdjustmentRequested adjustment = await().atMost(Duration.ofSeconds(30))
                .until(() -> requested("web"), r -> !r.isEmpty()).get(0);
        assertThat(adjustment.desiredCapacity()).isEqualTo(2);
        assertThat(adjustment.autoScalingGroupArn()).isEqualTo(asg);
        assertThat(adjustment.clusterArn()).isEqualTo(clusterArn);
        assertThat(adjustment.scaleInCandidates()).isNull();
        assertThat(adjustment.reason()).isEqualTo("CapacityProviderReservation 200 (M=1, N=0) above target 100:"
                + " scale out to 2; AlarmHigh ALARM (1 of 1 datapoints above 100)");
        assertThat(adjustment.at()).isEqualTo(at.plusSeconds(1));

        scaling("web")
                .body("managedScaling.targetCapacity", equalTo(100))
                .body("measurements[0].capacityProviderReservation", equalTo(200))
                .body("measurements[0].instancesNeeded", equalTo(1))
                .body("measurements[0].desiredCapacity", equalTo(2))
                .body("measurements[0].reason", containsString("scale out to 2"));
    }

    @Test
    void belowTargetForTheLowAlarmsDatapointsScalesInOnlyEmptyInstancesUnderTerminationProtection() {
        provider("batch", "ENABLED");
        Instant at = Instant.parse("2026-12-05T10:00:00Z");
        // Three one-second periods below the target in tests (15 one-minute datapoints on ECS).
        for (int second = 0; second < 3; second++) {
            measured("batch", 2, 4, 50, List.of("i-3", "i-4"), at.plusSeconds(second));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> scaling("batch")
                .body("measurements.size()", equalTo(3))
                .body("measurements[0].desiredCapacity", nullValue())
                .body("measurements[0].reason", containsString("no scale-in before the low alarm; AlarmLow OK (2 of 3"
                        + " datapoints below 100")));
        assertThat(requested("batch")).isEmpty();

        measured("batch", 2, 4, 50, List.of("i-3", "i-4"), at.plusSeconds(3));

        CapacityAdjustmentRequested adjustment = await().atMost(Duration.ofSeconds(30))
                .until(() -> requested("batch"), r -> !r.isEmpty()).get(0);
        assertThat(adjustment.desiredCapacity()).isEqualTo(2);
        assertThat(adjustment.scaleInCandidates()).containsExactly("i-3", "i-4");
        assertThat(adjustment.reason()).contains("below target 100 for 3 datapoints", "AlarmLow ALARM");
    }

    @Test
    void theProvidersLaterEventsChangeItsRowAndAStaleOneDoesNot() {
        provider("later", "DISABLED");
        String arn = caller.arn("capacity-provider/later");
        publisher.publish(TestPublisher.envelope("capacity-provider", arn, 3, caller.account(),
                new CapacityProviderUpdated(arn, new ManagedScaling("ENABLED", 80, 2, 5, 30), "ENABLED", null)));
        EventEnvelope stale = TestPublisher.envelope("capacity-provider", arn, 2, caller.account(),
                new CapacityProviderUpdated(arn, null, "DISABLED", null));
        publisher.publish(stale);
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(() ->
                ((Number) ManagedScalingProvider.getEntityManager().createNativeQuery("select count(*) from es_inbox"
                        + " where consumer = ?1 and event_id = ?2").setParameter(1, ManagedScalingConsumer.PROVIDERS)
                        .setParameter(2, stale.eventId()).getSingleResult()).intValue() == 1));
        scaling("later")
                .body("managedScaling.status", equalTo("ENABLED"))
                .body("managedScaling.targetCapacity", equalTo(80))
                .body("managedScaling.minimumScalingStepSize", equalTo(2))
                .body("managedScaling.maximumScalingStepSize", equalTo(5))
                .body("managedScaling.instanceWarmupPeriod", equalTo(30))
                .body("managedTerminationProtection", equalTo("ENABLED"));

        publisher.publish(TestPublisher.envelope("capacity-provider", arn, 4, caller.account(),
                new CapacityProviderDeleted(arn, "later")));
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> ManagedScalingProvider.findById(arn) == null));
    }

    /**
     * The measurements this service reads from the task topic come from the scheduler's own periodic pass,
     * never from a caller's write, so a caller's pending position on that topic (a RunTask's placement, say)
     * is not one its answers wait for (ADR 0066): the channel may fetch late without making a call late.
     * A position on a topic it does wait for still holds the call until the service applied it.
     */
    @Test
    void aCallWaitsForNoTaskEventButForTheTopicsItAnswersFrom() {
        provider("awaits", "DISABLED");
        String unapplied = " scheduler-service " + Long.MAX_VALUE / 2 + " " + clusterArn;

        given().header("X-Berth-Account", caller.account()).header("X-Berth-Region", caller.region())
                .header(Position.AWAIT_HEADER, Topics.TASK_EVENTS + unapplied)
                .get("/v1/clusters/fleet/capacity-providers/awaits/scaling")
                .then().statusCode(200).body("managedScaling.status", equalTo("ENABLED"));

        given().header("X-Berth-Account", caller.account()).header("X-Berth-Region", caller.region())
                .header(Position.AWAIT_HEADER, Topics.CAPACITY_PROVIDER_EVENTS + unapplied)
                .get("/v1/clusters/fleet/capacity-providers/awaits/scaling")
                .then().statusCode(400).header("x-amzn-ErrorType", equalTo("ThrottlingException"));
    }
}
