package io.berth.cql;

import static io.berth.cql.TestTarget.anInstance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code task:group} is a set: positive operators ask "some group", negative ones "no group". */
class TaskGroupSubjectTest {

    /** Expression, then whether it holds for an instance running web and batch tasks, and for an idle one. */
    static Stream<Arguments> cases() {
        return Stream.of(
                arguments("task:group == service:web", true, false),
                arguments("task:group equals family:batch", true, false),
                arguments("task:group == service:db", false, false),
                arguments("task:group != service:db", true, true),
                arguments("task:group != service:web", false, true),
                arguments("task:group in [service:db, family:batch]", true, false),
                arguments("task:group in [service:db]", false, false),
                arguments("task:group not_in [service:db]", true, true),
                arguments("task:group !in [service:db, service:web]", false, true),
                arguments("task:group =~ service:.*", true, false),
                arguments("task:group matches service", false, false),
                arguments("task:group =~ .*", true, false),
                arguments("task:group !~ service:.*", false, true),
                arguments("task:group not_matches database.*", true, true),
                arguments("task:group exists", true, false),
                arguments("task:group !exists", false, true),
                arguments("task:group not_exists", false, true),
                arguments("not(task:group == database)", true, true));
    }

    @ParameterizedTest(name = "{0} -> busy {1}, idle {2}")
    @MethodSource("cases")
    void treatsTheGroupsAsASet(String expression, boolean busy, boolean idle) {
        ClusterQuery query = ClusterQuery.parse(expression);

        assertThat(query.matches(anInstance().withTaskGroups("service:web", "family:batch"))).isEqualTo(busy);
        assertThat(query.matches(anInstance().withTaskGroups())).isEqualTo(idle);
    }
}
