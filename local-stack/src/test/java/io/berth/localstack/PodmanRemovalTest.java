package io.berth.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The removal of a stack's containers outlasts Podman's EBUSY race and still reports a removal that cannot work. */
class PodmanRemovalTest {

    @Test
    void aRemovalThatFailsWhileTheEngineIsBusyIsRepeatedUntilItSucceeds() throws Exception {
        AtomicInteger made = new AtomicInteger();
        PodmanService.repeated(5, Duration.ZERO, () -> {
            if (made.incrementAndGet() < 3) {
                throw new IOException("unlinkat .../userdata/shm: device or resource busy");
            }
        });
        assertThat(made).hasValue(3);
    }

    @Test
    void aRemovalThatNeverSucceedsIsReportedWithItsLastFailureAfterItsAttempts() {
        AtomicInteger made = new AtomicInteger();
        assertThatThrownBy(() -> PodmanService.repeated(4, Duration.ZERO, () -> {
            throw new IOException("podman rm failed, attempt " + made.incrementAndGet());
        })).isInstanceOf(IOException.class).hasMessage("podman rm failed, attempt 4");
        assertThat(made).hasValue(4);
    }
}
