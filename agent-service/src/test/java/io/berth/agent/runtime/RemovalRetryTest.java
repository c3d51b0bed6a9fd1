package io.berth.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.agent.runtime.docker.EngineException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The retry decision of a container removal. Podman's EBUSY is a race with its own unmount of the container, which no
 * test can provoke deterministically through the real engine, so the decision is a pure class tested here; the
 * runtime's removal path itself runs against the real engine in {@link DockerRuntimeTest}.
 */
class RemovalRetryTest {

    /**
     * Podman's answer while it still unmounts the container's {@code /dev/shm} (podman issues 10454, 11594; the
     * local stack's {@code PodmanService} meets the same race on its own removals).
     */
    static final EngineException BUSY = new EngineException(500, "cleaning up storage: removing container 3f2a "
            + "root filesystem: unlinkat /var/lib/containers/storage/overlay-containers/3f2a/userdata/shm: "
            + "device or resource busy");

    @Test
    void aBusyRemovalIsTriedAgainWithADoublingBackOffABoundedNumberOfTimes() {
        List<Duration> waits = new ArrayList<>();
        int failed = 1;
        for (Optional<Duration> wait = RemovalRetry.next(failed, BUSY); wait.isPresent();
                wait = RemovalRetry.next(++failed, BUSY)) {
            waits.add(wait.get());
        }

        assertThat(waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400),
                Duration.ofMillis(800));
        assertThat(failed).isEqualTo(RemovalRetry.ATTEMPTS);
    }

    @Test
    void ebusyIsRecognisedByNameOrByItsMessageButOnlyInAServerError() {
        assertThat(RemovalRetry.busy(BUSY)).isTrue();
        assertThat(RemovalRetry.busy(new EngineException(500, "unmount: EBUSY"))).isTrue();
        assertThat(RemovalRetry.busy(new EngineException(409, "device or resource busy"))).isFalse();
        assertThat(RemovalRetry.busy(new EngineException(500, "no space left on device"))).isFalse();
    }

    @Test
    void anyOtherRefusalIsFinalAtOnce() {
        assertThat(RemovalRetry.next(1, new EngineException(500, "no space left on device"))).isEmpty();
        assertThat(RemovalRetry.next(1, new EngineException(409, "container is being removed"))).isEmpty();
        assertThat(RemovalRetry.next(1, new EngineException("the Docker engine did not answer",
                new java.io.IOException("connection refused")))).isEmpty();
    }

    @Test
    void failedAttemptsCountFromOne() {
        assertThatThrownBy(() -> RemovalRetry.next(0, BUSY)).isInstanceOf(IllegalArgumentException.class);
    }
}
