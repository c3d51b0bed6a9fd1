package io.berth.agent.task;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TaskStatusesTest {

    @ParameterizedTest
    @CsvSource({
            "PENDING, PENDING, true", "PENDING, RUNNING, true", "PENDING, STOPPED, true",
            "RUNNING, PENDING, false", "RUNNING, RUNNING, true", "RUNNING, STOPPED, true",
            "STOPPED, PENDING, false", "STOPPED, RUNNING, false", "STOPPED, STOPPED, false"})
    void aReportMovesATaskForwardOrIsDropped(String current, String reported, boolean forward) {
        assertThat(TaskStatuses.movesForward(current, reported)).isEqualTo(forward);
    }
}
