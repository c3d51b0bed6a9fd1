package io.berth.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.events.ClusterEvent.ClusterDeleted;
import io.berth.events.ClusterEvent.ClusterSettingsUpdated;
import io.berth.events.EventEnvelope;
import io.berth.events.Shapes.KeyValue;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProjectionRebuilderTest {

    @Inject
    EventStore store;
    @Inject
    ProjectionRebuilder rebuilder;
    @Inject
    TestClusterProjection projection;

    @Test
    void aRebuiltProjectionEqualsTheLiveOne() {
        List<String> arns = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String arn = Fixtures.newClusterArn();
            arns.add(arn);
            appendLive(arn, 0, Fixtures.created(arn));
            appendLive(arn, 1, new ClusterSettingsUpdated(arn,
                    List.of(new KeyValue("containerInsights", "enabled"), new KeyValue("x", "y"))));
            if (i == 1) {
                appendLive(arn, 2, new ClusterDeleted(arn));
            }
        }
        List<String> live = projection.snapshot(arns);
        assertThat(live).hasSize(3);

        long applied = rebuilder.rebuild(projection);

        assertThat(applied).isGreaterThanOrEqualTo(7);
        assertThat(projection.snapshot(arns)).isEqualTo(live);
    }

    @Test
    void aRedeliveredOrStaleEventChangesNothing() {
        String arn = Fixtures.newClusterArn();
        List<EventEnvelope> created = appendLive(arn, 0, Fixtures.created(arn));
        List<EventEnvelope> updated = appendLive(arn, 1,
                new ClusterSettingsUpdated(arn, List.of(new KeyValue("a", "1"))));
        List<String> before = projection.snapshot(List.of(arn));
        assertThat(before).hasSize(1);

        boolean staleApplied = QuarkusTransaction.requiringNew().call(
                () -> rebuilder.applyIfNew(projection, created.get(0)));
        boolean duplicateApplied = QuarkusTransaction.requiringNew().call(
                () -> rebuilder.applyIfNew(projection, updated.get(0)));

        assertThat(staleApplied).isFalse();
        assertThat(duplicateApplied).isFalse();
        assertThat(projection.snapshot(List.of(arn))).isEqualTo(before);
    }

    private List<EventEnvelope> appendLive(String arn, long expectedVersion, io.berth.events.ClusterEvent event) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<EventEnvelope> appended = store.append(Fixtures.stream(arn), expectedVersion, List.of(event),
                    Fixtures.CONTEXT);
            appended.forEach(e -> rebuilder.applyIfNew(projection, e));
            return appended;
        });
    }
}
