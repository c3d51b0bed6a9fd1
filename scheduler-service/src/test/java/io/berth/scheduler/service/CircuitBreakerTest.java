package io.berth.scheduler.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CircuitBreakerTest {

    @ParameterizedTest(name = "desired {0} → threshold {1}")
    @CsvSource({"0, 3", "1, 3", "5, 3", "6, 3", "7, 4", "10, 5", "25, 13", "399, 200", "400, 200", "500, 200"})
    void halfTheDesiredCountRoundedUpWithin3And200(int desired, int threshold) {
        assertThat(CircuitBreaker.threshold(desired)).isEqualTo(threshold);
    }

    @ParameterizedTest(name = "stopped {0}, stopCode {1} → failed {2}")
    @CsvSource(nullValues = "-", value = {
            "before RUNNING, TaskFailedToStart, true",
            "before RUNNING, -, true",
            "before RUNNING, EssentialContainerExited, true",
            "before RUNNING, ServiceSchedulerInitiated, false",
            "before RUNNING, UserInitiated, false",
            "after RUNNING, EssentialContainerExited, true",
            "after RUNNING, TaskFailedToStart, true",
            "after RUNNING, ServiceSchedulerInitiated, false",
            "after RUNNING, UserInitiated, false",
            "after RUNNING, SpotInterruption, false",
    })
    void whichStoppedTasksCountAsFailed(String when, String stopCode, boolean failed) {
        Instant startedAt = when.startsWith("after") ? Services.T0 : null;

        assertThat(CircuitBreaker.failed(Services.stopped("t1", Services.FIRST, startedAt, stopCode))).isEqualTo(failed);
    }
}
