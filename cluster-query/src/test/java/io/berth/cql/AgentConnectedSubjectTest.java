package io.berth.cql;

import static io.berth.cql.TestTarget.anInstance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AgentConnectedSubjectTest {

    /** Expression, then whether it holds for a connected and for a disconnected agent. */
    static Stream<Arguments> cases() {
        return Stream.of(
                arguments("agentConnected == true", true, false),
                arguments("agentConnected == false", false, true),
                arguments("agentConnected equals TRUE", true, false),
                arguments("agentConnected == 'false'", false, true),
                arguments("agentConnected != true", false, true),
                arguments("agentConnected not_equals false", true, false),
                arguments("agentConnected in [true]", true, false),
                arguments("agentConnected in [true, false]", true, true),
                arguments("agentConnected not_in [false]", true, false),
                arguments("agentConnected !in [true, false]", false, false),
                arguments("agentConnected =~ t.*", true, false),
                arguments("agentConnected matches 'true|false'", true, true),
                arguments("agentConnected =~ TRUE", false, false),
                arguments("agentConnected !~ t.*", false, true));
    }

    @ParameterizedTest(name = "{0} -> connected {1}, disconnected {2}")
    @MethodSource("cases")
    void comparesTheConnectionAsABoolean(String expression, boolean connected, boolean disconnected) {
        ClusterQuery query = ClusterQuery.parse(expression);

        assertThat(query.matches(anInstance().withAgentConnected(true))).isEqualTo(connected);
        assertThat(query.matches(anInstance().withAgentConnected(false))).isEqualTo(disconnected);
    }
}
