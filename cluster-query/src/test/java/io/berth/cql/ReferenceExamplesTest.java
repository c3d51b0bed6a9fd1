package io.berth.cql;

import static io.berth.cql.TestTarget.anInstance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The examples of ECS's developer guide (docs/reference §3.5), verbatim, with one instance each way. */
class ReferenceExamplesTest {

    static Stream<Arguments> examples() {
        return Stream.of(
                arguments("attribute:ecs.instance-type == t2.small",
                        anInstance().withAttribute("ecs.instance-type", "t2.small"),
                        anInstance().withAttribute("ecs.instance-type", "t2.micro")),
                arguments("attribute:ecs.availability-zone in [us-east-1a, us-east-1b]",
                        anInstance().withAttribute("ecs.availability-zone", "us-east-1b"),
                        anInstance().withAttribute("ecs.availability-zone", "us-east-1d")),
                arguments("attribute:ecs.instance-type =~ g2.* and attribute:ecs.availability-zone != us-east-1d",
                        anInstance().withAttribute("ecs.instance-type", "g2.2xlarge")
                                .withAttribute("ecs.availability-zone", "us-east-1a"),
                        anInstance().withAttribute("ecs.instance-type", "g2.2xlarge")
                                .withAttribute("ecs.availability-zone", "us-east-1d")),
                arguments("task:group == service:production",
                        anInstance().withTaskGroups("service:production", "family:batch"),
                        anInstance().withTaskGroups("service:staging")),
                arguments("runningTasksCount == 1",
                        anInstance().withRunningTasksCount(1),
                        anInstance().withRunningTasksCount(2)),
                arguments("agentVersion < 1.14.5",
                        anInstance().withAgentVersion("1.9.0"),
                        anInstance().withAgentVersion("1.14.5")),
                arguments("registeredAt < 2018-02-13",
                        anInstance().withRegisteredAt("2018-02-12T23:59:59Z"),
                        anInstance().withRegisteredAt("2018-02-13T00:00:00Z")),
                arguments("ec2InstanceId in ['i-abcd1234', 'i-wxyx7890']",
                        anInstance().withEc2InstanceId("i-wxyx7890"),
                        anInstance().withEc2InstanceId("i-00000000")),
                arguments("not(task:group == database)",
                        anInstance().withTaskGroups("service:web"),
                        anInstance().withTaskGroups("database", "service:web")),
                arguments("(task:group == database or task:group == cache) and runningTasksCount < 5",
                        anInstance().withTaskGroups("cache").withRunningTasksCount(4),
                        anInstance().withTaskGroups("database").withRunningTasksCount(5)),
                arguments("registeredAt == 2018-06-18T22:28:28+00:00",
                        anInstance().withRegisteredAt("2018-06-18T22:28:28Z"),
                        anInstance().withRegisteredAt("2018-06-18T22:28:29Z")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void matchesTheInstanceItDescribesAndNotTheOther(String expression, TestTarget matching, TestTarget other) {
        ClusterQuery query = ClusterQuery.parse(expression);

        assertThat(query.matches(matching)).isTrue();
        assertThat(query.matches(other)).isFalse();
    }
}
