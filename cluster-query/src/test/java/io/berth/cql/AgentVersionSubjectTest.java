package io.berth.cql;

import static io.berth.cql.TestTarget.anInstance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AgentVersionSubjectTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments("1.14.5", "agentVersion < 1.14.6", true),
                arguments("1.14.5", "agentVersion < 1.14.5", false),
                arguments("1.14.5", "agentVersion <= 1.14.5", true),
                arguments("1.14.5", "agentVersion less_than_equal 1.14.4", false),
                arguments("1.14.5", "agentVersion > 1.9.0", true),
                arguments("1.14.5", "agentVersion greater_than 1.140.0", false),
                arguments("1.14.5", "agentVersion >= 1.14", true),
                arguments("1.14.5", "agentVersion == 1.14.5", true),
                arguments("1.14.5", "agentVersion == 1.14.5+build.7", true),
                arguments("1.14.5", "agentVersion != 1.14.5", false),
                arguments("1.14.5", "agentVersion not_equals 1.14.50", true),
                arguments("1.14", "agentVersion == 1.14.0", true),
                arguments("1", "agentVersion == 1.0.0", true),
                arguments("2", "agentVersion > 1.99.99", true),
                arguments("1.0.0-rc.1", "agentVersion < 1.0.0", true),
                arguments("1.0.0-rc.1", "agentVersion > 0.99.0", true),
                arguments("1.0.0", "agentVersion > 1.0.0-rc.1", true),
                arguments("01.002.0003", "agentVersion == 1.2.3", true),
                arguments("1.100000000000000000000.0", "agentVersion > 1.99.0", true),
                arguments(null, "agentVersion < 9.0.0", false),
                arguments(null, "agentVersion != 1.0.0", false),
                arguments("dev", "agentVersion < 9.0.0", false),
                arguments("dev", "agentVersion != 9.0.0", false),
                arguments("dev", "not agentVersion >= 9.0.0", true));
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @MethodSource("cases")
    void comparesSemanticVersions(String version, String expression, boolean expected) {
        assertThat(ClusterQuery.parse(expression).matches(anInstance().withAgentVersion(version)))
                .isEqualTo(expected);
    }

    @Test
    void ordersPreReleasesAsSemVerSays() {
        List<String> ascending = List.of("1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta",
                "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1-0", "1.0.1");

        IntStream.range(0, ascending.size()).forEach(i -> IntStream.range(0, ascending.size()).forEach(j -> {
            String lower = ascending.get(i);
            String upper = ascending.get(j);
            assertThat(Integer.signum(Versions.compare(lower, upper)))
                    .as("%s vs %s", lower, upper)
                    .isEqualTo(Integer.compare(i, j));
        }));
    }
}
