package io.berth.gateway.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.ecs.Caller;
import io.berth.events.AutoScalingEvent.DesiredCapacityChanged;
import io.berth.events.AutoScalingEvent.GroupInstanceInService;
import io.berth.events.EventEnvelope;
import io.berth.events.EventJson;
import io.berth.events.ScalingEvent.CapacityAdjustmentRequested;
import io.berth.events.TaskEvent.CapacityProviderReservationMeasured;
import io.berth.testsupport.TestPublisher;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * How a stream that asks for a cluster and Auto Scaling groups (the cluster auto scaling page's) matches
 * events: the cluster's by their payload, the groups' by their key alone, so another group's events are
 * never parsed.
 */
class StreamFilterTest {

    static final String ACCOUNT = "123456789012";
    static final Caller CALLER = new Caller(ACCOUNT, "eu-west-1");
    static final String CLUSTER = "arn:aws:ecs:eu-west-1:" + ACCOUNT + ":cluster/scale";
    static final String PROVIDER = "arn:aws:ecs:eu-west-1:" + ACCOUNT + ":capacity-provider/hosts";

    static String group(String account, String name) {
        return "arn:aws:autoscaling:eu-west-1:" + account + ":autoScalingGroup:5f1c2b3a-0d9e-4f8a-b7c6-d5e4f3a2b1c0"
                + ":autoScalingGroupName/" + name;
    }

    static EventEnvelope desired(String account, String name) {
        return TestPublisher.envelope("auto-scaling", group(account, name), 1, account,
                new DesiredCapacityChanged(group(account, name), 2, List.of(), "scale out", Instant.now()));
    }

    static EventEnvelope measured(String cluster) {
        return TestPublisher.envelope("task", cluster, 1, ACCOUNT, new CapacityProviderReservationMeasured(cluster,
                "hosts", group(ACCOUNT, "hosts"), 2, 1, 200, 1, List.of(), Instant.now()));
    }

    static EventEnvelope decided(String cluster) {
        return TestPublisher.envelope("capacity-provider-scaling", cluster + "/hosts", 1, ACCOUNT,
                new CapacityAdjustmentRequested(cluster, PROVIDER, group(ACCOUNT, "hosts"), 2, List.of(),
                        "CapacityProviderReservation 200 above target 100", Instant.now()));
    }

    @Test
    void aClusterAndItsGroupsSelectEachOthersEventsButNoOneElses() {
        StreamFilter page = EventStreamResource.filter(CALLER, "scale", null, "hosts," + group(ACCOUNT, "spare"),
                null);

        assertThat(page.wants(measured(CLUSTER))).isTrue();
        assertThat(page.wants(decided(CLUSTER))).isTrue();
        assertThat(page.wants(desired(ACCOUNT, "hosts"))).as("a group's event, which names no cluster").isTrue();
        assertThat(page.wants(desired(ACCOUNT, "spare"))).as("a group asked for by its ARN").isTrue();
        assertThat(page.wants(TestPublisher.envelope("auto-scaling", group(ACCOUNT, "hosts"), 2, ACCOUNT,
                new GroupInstanceInService(group(ACCOUNT, "hosts"), "a", "i-0a1b2c3d4e5f60718",
                        CLUSTER.replace("cluster/", "container-instance/") + "/4b6d", Instant.now())))).isTrue();

        assertThat(page.wants(measured(CLUSTER.replace("/scale", "/other")))).isFalse();
        assertThat(page.wants(desired(ACCOUNT, "other"))).isFalse();
        assertThat(page.wants(desired("210987654321", "hosts"))).as("another account's group of that name").isFalse();
    }

    @Test
    void aGroupIsMatchedByItsKeyBeforeParsing() {
        StreamFilter groupsOnly = EventStreamResource.filter(CALLER, null, null, "hosts", null);
        StreamFilter clusterOnly = EventStreamResource.filter(CALLER, "scale", null, null, null);
        StreamFilter everything = EventStreamResource.filter(CALLER, null, null, null, null);

        assertThat(groupsOnly.mayWant("DesiredCapacityChanged", group(ACCOUNT, "hosts"))).isTrue();
        assertThat(groupsOnly.mayWant("DesiredCapacityChanged", group(ACCOUNT, "other"))).isFalse();
        assertThat(groupsOnly.mayWant("TaskPlaced", CLUSTER)).as("only groups are asked for").isFalse();
        assertThat(groupsOnly.mayWant("DesiredCapacityChanged", group(ACCOUNT, "ahosts")))
                .as("a name is the whole name").isFalse();
        assertThat(clusterOnly.mayWant("DesiredCapacityChanged", group(ACCOUNT, "hosts")))
                .as("a group's events carry no cluster").isFalse();
        assertThat(everything.mayWant("DesiredCapacityChanged", group(ACCOUNT, "hosts"))).isTrue();
        assertThat(everything.wants(desired(ACCOUNT, "hosts"))).isTrue();
    }

    @Test
    void theFeedParsesNoEventOfAGroupNoStreamAskedFor() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        EventFeed feed = new EventFeed("localhost:1", 10, Long.MAX_VALUE, registry);
        AssertSubscriber<EventEnvelope> page = feed.after(Optional.empty(), EventStreamResource.filter(CALLER,
                "scale", null, "hosts", "DesiredCapacityChanged,CapacityProviderReservationMeasured"))
                .orElseThrow().subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));

        EventEnvelope ours = desired(ACCOUNT, "hosts");
        EventEnvelope measuredHere = measured(CLUSTER);
        for (EventEnvelope e : List.of(desired(ACCOUNT, "other"), ours, desired(ACCOUNT, "elsewhere"), measuredHere)) {
            feed.publish(e.type(), e.partitionKey(), EventJson.toBytes(e));
        }

        assertThat(page.getItems()).extracting(EventEnvelope::eventId)
                .containsExactly(ours.eventId(), measuredHere.eventId());
        assertThat(registry.counter(EventFeed.PARSED).count()).as("the other groups' events stay bytes").isEqualTo(2);
    }
}
