package io.berth.scheduler.ownership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OwnedIndexesTest {

    private final List<String> loads = new ArrayList<>();
    /** What the "database" holds for each load to read: the load copies it. */
    private final List<String> database = new ArrayList<>(List.of("a"));
    private final OwnedIndexes<List<String>> indexes = new OwnedIndexes<>() {
        @Override
        protected List<String> load(String cluster) {
            loads.add(cluster);
            return new ArrayList<>(database);
        }
    };

    @Test
    void aClusterIsLoadedOnFirstUseOnlyAndThenFollowsItsChanges() {
        assertThat(held(indexes, "c1")).containsExactly("a");
        indexes.apply("c1", index -> index.add("b"));

        assertThat(held(indexes, "c1")).containsExactly("a", "b");
        assertThat(loads).containsExactly("c1");
    }

    @Test
    void aChangeToAClusterNotLoadedIsLeftToTheLoad() {
        indexes.apply("c1", index -> index.add("lost"));
        database.add("b");

        assertThat(held(indexes, "c1")).containsExactly("a", "b");
    }

    @Test
    void aDroppedClusterIsLoadedAgainAndDropAllDropsEvery() {
        indexes.decide("c1", List::size);
        indexes.decide("c2", List::size);
        indexes.drop("c1");
        indexes.apply("c1", index -> index.add("lost"));
        indexes.decide("c1", List::size);
        indexes.decide("c2", List::size);
        assertThat(loads).containsExactly("c1", "c2", "c1");

        indexes.dropAll();
        indexes.decide("c1", List::size);
        indexes.decide("c2", List::size);
        assertThat(loads).containsExactly("c1", "c2", "c1", "c1", "c2");
    }

    @Test
    void aDecisionOrAChangeThatFailsDropsTheCluster() {
        indexes.decide("c1", List::size);
        assertThatThrownBy(() -> indexes.decide("c1", index -> {
            index.add("half-done");
            throw new IllegalStateException("rolled back");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(held(indexes, "c1")).containsExactly("a");

        assertThatThrownBy(() -> indexes.apply("c1", index -> {
            throw new IllegalStateException("broken change");
        })).isInstanceOf(IllegalStateException.class);
        indexes.decide("c1", List::size);
        assertThat(loads).containsExactly("c1", "c1", "c1");
    }

    @Test
    void aChangeArrivingDuringALoadIsAppliedAfterIt() throws Exception {
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        OwnedIndexes<List<String>> slow = new OwnedIndexes<>() {
            @Override
            protected List<String> load(String cluster) {
                loading.countDown();
                await(release);
                return new ArrayList<>(List.of("a"));
            }
        };
        Thread decider = new Thread(() -> slow.decide("c1", List::size));
        decider.start();
        assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();
        Thread change = new Thread(() -> slow.apply("c1", index -> index.add("committed during the load")));
        change.start();
        // The change waits for the cluster: it is not applied to a state that is not there yet.
        change.join(200);
        assertThat(change.isAlive()).isTrue();
        release.countDown();
        decider.join(10_000);
        change.join(10_000);

        assertThat(held(slow, "c1")).containsExactly("a", "committed during the load");
    }

    private static List<String> held(OwnedIndexes<List<String>> indexes, String cluster) {
        return indexes.<List<String>>decide(cluster, List::copyOf);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
