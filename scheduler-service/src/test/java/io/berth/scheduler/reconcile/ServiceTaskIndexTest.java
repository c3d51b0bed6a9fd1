package io.berth.scheduler.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.scheduler.service.ServiceTask;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ServiceTaskIndexTest {

    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");
    private static final String WEB = "service:web";

    private final ServiceTaskIndex index = new ServiceTaskIndex();

    private static ServiceTaskIndex.Entry task(String arn, String lastStatus, Instant stoppedAt, long version) {
        return new ServiceTaskIndex.Entry(new ServiceTask(arn, "ecs-svc/1", "i1", lastStatus,
                stoppedAt == null ? "RUNNING" : "STOPPED", null, null, null), "cp", stoppedAt, version);
    }

    @Test
    void theGroupsAreKeptApart() {
        index.put(WEB, task("t1", "PENDING", null, 1));
        index.put("service:api", task("t2", "PENDING", null, 1));

        assertThat(index.of(WEB, T0)).extracting(e -> e.task().taskArn()).containsExactly("t1");
        assertThat(index.of("service:none", T0)).isEmpty();
    }

    @Test
    void aLaterVersionReplacesATaskAndAnEarlierOneIsIgnored() {
        index.put(WEB, task("t1", "PENDING", null, 1));
        index.put(WEB, task("t1", "STOPPED", T0, 3));
        // Announced after version 3 by a transaction that committed before it, or already loaded.
        index.put(WEB, task("t1", "RUNNING", null, 2));
        index.put(WEB, task("t1", "STOPPED", T0, 3));

        assertThat(index.of(WEB, T0)).singleElement().satisfies(e -> {
            assertThat(e.task().lastStatus()).isEqualTo("STOPPED");
            assertThat(e.version()).isEqualTo(3);
        });
    }

    @Test
    void stoppedTasksPastTheRetentionAreForgotten() {
        index.put(WEB, task("old", "STOPPED", T0.minusSeconds(3601), 4));
        index.put(WEB, task("recent", "STOPPED", T0.minusSeconds(10), 4));
        index.put(WEB, task("live", "RUNNING", null, 2));

        Instant since = T0.minusSeconds(3600);
        assertThat(index.of(WEB, since)).extracting(e -> e.task().taskArn())
                .containsExactlyInAnyOrder("recent", "live");
        // Forgotten, not only hidden: an older pass's cut-off does not bring it back.
        assertThat(index.of(WEB, T0.minusSeconds(7200))).extracting(e -> e.task().taskArn())
                .containsExactlyInAnyOrder("recent", "live");
    }
}
