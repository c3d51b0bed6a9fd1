package io.berth.ecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.berth.events.EventJson;
import io.berth.events.Shapes.AwsVpcConfiguration;
import io.berth.events.Shapes.CapacityProviderStrategyItem;
import io.berth.events.Shapes.NetworkConfiguration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** ARNs, request shapes and the batch frame: the pieces every ECS face shares. */
class SharedPiecesTest {

    private static final String PREFIX = "arn:aws:ecs:eu-west-1:123456789012:";

    @Test
    void arnsAreTakenApartAndBuiltInOnePlace() {
        String task = PREFIX + "task/prod/0123abcd";
        assertThat(Arns.parse(task)).hasValueSatisfying(arn -> {
            assertThat(arn.prefix()).isEqualTo(PREFIX);
            assertThat(arn.type()).isEqualTo("task");
            assertThat(arn.id()).isEqualTo("0123abcd");
            assertThat(arn.clusterArn()).contains(PREFIX + "cluster/prod");
            assertThat(arn).hasToString(task);
        });
        assertThat(Arns.clusterOf(PREFIX + "service/prod/web")).isEqualTo(PREFIX + "cluster/prod");
        assertThat(Arns.inCluster(PREFIX + "cluster/prod", "service", "web")).isEqualTo(PREFIX + "service/prod/web");
        assertThat(Arns.container(task, "c1")).isEqualTo(PREFIX + "container/prod/0123abcd/c1");
        assertThat(Arns.ofResourceId(PREFIX + "cluster/prod", "service/prod/web")).isEqualTo(PREFIX + "service/prod/web");
        assertThat(Arns.parse(PREFIX + "cluster/prod").flatMap(Arns.Arn::clusterArn)).isEmpty();
        assertThat(Arns.parse("web")).isEmpty();
        assertThat(Arns.parse("arn:aws:s3:::bucket/key")).isEmpty();
        assertThat(Arns.parse(PREFIX + "task/")).isEmpty();
        assertThat(Arns.familyOf(PREFIX + "task-definition/web:12")).isEqualTo("web");
    }

    @Test
    void historyReadsTakeAnIsoInstantOrNow() {
        assertThat(History.asOf("2026-11-26T08:00:00Z")).isEqualTo(java.time.Instant.parse("2026-11-26T08:00:00Z"));
        assertThat(History.asOf(null)).isCloseTo(java.time.Instant.now(), org.assertj.core.api.Assertions.within(
                java.time.Duration.ofMinutes(1).toMillis(), java.time.temporal.ChronoUnit.MILLIS));
        assertThatThrownBy(() -> History.asOf("yesterday")).isInstanceOfSatisfying(EcsException.class,
                e -> assertThat(e.code()).isEqualTo(EcsErrors.INVALID_PARAMETER));
    }

    @Test
    void anyArnNamesItsAccount() {
        assertThat(Arns.accountOf("arn:aws:iam::123456789012:role/ecsTaskExecutionRole")).contains("123456789012");
        assertThat(Arns.accountOf(PREFIX + "task/prod/0123abcd")).contains("123456789012");
        assertThat(Arns.accountOf("arn:aws:s3:::bucket/key")).isEmpty();
        assertThat(Arns.accountOf("ecsTaskExecutionRole")).isEmpty();
        assertThat(Arns.accountOf(null)).isEmpty();
    }

    @Test
    void ecrRegistryHostsAreBuiltAndReadInOnePlace() {
        Caller caller = Caller.of("123456789012", "eu-west-1");
        assertThat(EcrHosts.of(caller)).isEqualTo("123456789012.dkr.ecr.eu-west-1.amazonaws.com");
        assertThat(EcrHosts.proxyEndpoint(caller)).isEqualTo("https://123456789012.dkr.ecr.eu-west-1.amazonaws.com");
        assertThat(EcrHosts.parse("123456789012.dkr.ecr.eu-west-1.amazonaws.com")).contains(caller);
        assertThat(EcrHosts.parse("123456789012.dkr.ecr.eu-west-1.amazonaws.com:443")).contains(caller);
        assertThat(EcrHosts.parse("localhost:8085")).isEmpty();
        assertThat(EcrHosts.parse("public.ecr.aws")).isEmpty();
        assertThat(EcrHosts.parse("12345.dkr.ecr.eu-west-1.amazonaws.com")).isEmpty();
        assertThat(EcrHosts.parse(null)).isEmpty();
    }

    private static EcsRequest request(String json) throws Exception {
        return EcsRequest.of(EventJson.mapper().readTree(json));
    }

    @Test
    void requestShapesAreReadOnceAndTheStrategyRulesHoldEverywhere() throws Exception {
        EcsRequest request = request("{\"capacityProviderStrategy\":[{\"capacityProvider\":\"a\",\"weight\":2},"
                + "{\"capacityProvider\":\"b\",\"base\":1}],\"placementConstraints\":[{\"type\":\"distinctInstance\"}],"
                + "\"placementStrategy\":[{\"type\":\"spread\",\"field\":\"instanceId\"}]}");

        assertThat(RequestShapes.capacityProviderStrategy(request, "capacityProviderStrategy")).containsExactly(
                new CapacityProviderStrategyItem("a", 2, 0), new CapacityProviderStrategyItem("b", 0, 1));
        assertThat(RequestShapes.capacityProviderStrategy(request, "defaultCapacityProviderStrategy")).isNull();
        assertThat(RequestShapes.placementConstraints(request)).singleElement()
                .satisfies(c -> assertThat(c.expression()).isNull());
        assertThat(RequestShapes.placementStrategy(request)).singleElement()
                .satisfies(s -> assertThat(s.field()).isEqualTo("instanceId"));
        assertThatThrownBy(() -> RequestShapes.checkStrategy(List.of(new CapacityProviderStrategyItem("a", 1, 1),
                new CapacityProviderStrategyItem("b", 1, 1)))).hasMessage(
                        "Only one capacity provider in a capacity provider strategy can have a base defined.");
        assertThatThrownBy(() -> RequestShapes.checkStrategy(List.of(new CapacityProviderStrategyItem("a", 1001, 0))))
                .isInstanceOf(EcsException.class);
        assertThatThrownBy(() -> RequestShapes.checkStrategy(List.of(new CapacityProviderStrategyItem("a", 1, 0),
                new CapacityProviderStrategyItem("a", 1, 0)))).hasMessageContaining("more than once");
        assertThatThrownBy(() -> RequestShapes.capacityProviderStrategy(request("{\"capacityProviderStrategy\":[{}]}"),
                "capacityProviderStrategy")).hasMessage("capacityProvider can not be blank.");
    }

    @Test
    void aNetworkConfigurationIsReadIntoItsRecordWithItsDefaultAndItsLimits() throws Exception {
        assertThat(RequestShapes.networkConfiguration(request("{}"))).isNull();
        assertThat(RequestShapes.networkConfiguration(request("{\"networkConfiguration\":{\"awsvpcConfiguration\":"
                + "{\"subnets\":[\"subnet-1\",\"subnet-2\"],\"securityGroups\":[\"sg-1\"]}}}")))
                .isEqualTo(new NetworkConfiguration(new AwsVpcConfiguration(List.of("subnet-1", "subnet-2"),
                        List.of("sg-1"), "DISABLED")));
        assertThat(RequestShapes.networkConfiguration(request("{\"networkConfiguration\":{\"awsvpcConfiguration\":"
                + "{\"subnets\":[\"subnet-1\"],\"assignPublicIp\":\"ENABLED\"}}}")).awsvpcConfiguration()
                .assignPublicIp()).isEqualTo("ENABLED");

        assertThatThrownBy(() -> RequestShapes.networkConfiguration(request("{\"networkConfiguration\":"
                + "{\"awsvpcConfiguration\":{\"subnets\":[]}}}"))).hasMessage("subnets can not be empty.");
        String seventeen = "\"s\",".repeat(16) + "\"s\"";
        assertThatThrownBy(() -> RequestShapes.networkConfiguration(request("{\"networkConfiguration\":"
                + "{\"awsvpcConfiguration\":{\"subnets\":[" + seventeen + "]}}}")))
                .hasMessage("subnets can have at most 16 items.");
        assertThatThrownBy(() -> RequestShapes.networkConfiguration(request("{\"networkConfiguration\":"
                + "{\"awsvpcConfiguration\":{\"subnets\":[\"s\"],\"securityGroups\":[\"1\",\"2\",\"3\","
                + "\"4\",\"5\",\"6\"]}}}"))).hasMessage("securityGroups can have at most 5 items.");
        assertThatThrownBy(() -> RequestShapes.networkConfiguration(request("{\"networkConfiguration\":"
                + "{\"awsvpcConfiguration\":{\"subnets\":[\"s\"],\"assignPublicIp\":\"YES\"}}}")))
                .isInstanceOfSatisfying(EcsException.class, e -> assertThat(e.code())
                        .isEqualTo(EcsErrors.INVALID_PARAMETER))
                .hasMessage("assignPublicIp must be ENABLED or DISABLED.");
        assertThatThrownBy(() -> RequestShapes.networkConfiguration(request("{\"networkConfiguration\":\"x\"}")))
                .isInstanceOfSatisfying(EcsException.class, e -> assertThat(e.code())
                        .isEqualTo(EcsRequest.SERIALIZATION_EXCEPTION));
    }

    @Test
    void aBatchAnswersEachItemOrAMissingFailure() throws Exception {
        ObjectNode answer = Batch.answer("tasks", List.of("a", "b"),
                arn -> "a".equals(arn) ? Optional.of(TextNode.valueOf("found")) : Optional.empty());

        assertThat(answer.toString()).isEqualTo("{\"tasks\":[\"found\"],\"failures\":[{\"arn\":\"b\",\"reason\":\"MISSING\"}]}");
        assertThatThrownBy(() -> Batch.asked(request("{}"), "tasks", 100)).hasMessage("tasks can not be blank.");
        assertThatThrownBy(() -> Batch.upTo(request("{\"tasks\":[\"a\",\"b\"]}"), "tasks", 1))
                .hasMessage("tasks can have at most 1 items.");
    }
}
