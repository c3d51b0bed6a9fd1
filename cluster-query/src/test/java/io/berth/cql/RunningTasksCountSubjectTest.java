package io.berth.cql;

import static io.berth.cql.TestTarget.anInstance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RunningTasksCountSubjectTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments(3, "runningTasksCount == 3", true),
                arguments(3, "runningTasksCount equals 03", true),
                arguments(3, "runningTasksCount == +3", true),
                arguments(3, "runningTasksCount != 3", false),
                arguments(3, "runningTasksCount > 2", true),
                arguments(3, "runningTasksCount > 3", false),
                arguments(3, "runningTasksCount >= 3", true),
                arguments(3, "runningTasksCount < 3", false),
                arguments(3, "runningTasksCount <= 2", false),
                arguments(3, "runningTasksCount less_than 10", true),
                arguments(3, "runningTasksCount greater_than_equal 10", false),
                arguments(0, "runningTasksCount > -1", true),
                arguments(0, "runningTasksCount == 0", true),
                arguments(Integer.MAX_VALUE, "runningTasksCount < 9223372036854775807", true));
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @MethodSource("cases")
    void comparesTheCountAsAnInteger(int count, String expression, boolean expected) {
        assertThat(ClusterQuery.parse(expression).matches(anInstance().withRunningTasksCount(count)))
                .isEqualTo(expected);
    }
}
