package io.berth.scheduler.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.ecs.EcsException;
import io.berth.events.EventJson;
import io.berth.events.Shapes.AwsVpcConfiguration;
import io.berth.events.Shapes.CapacityProviderStrategyItem;
import io.berth.events.Shapes.NetworkConfiguration;
import io.berth.events.Shapes.PlacementConstraint;
import io.berth.scheduler.service.ServiceCommand.CreateService;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A service on Fargate: the launch type or a Fargate strategy, checked at CreateService. */
class FargateServiceRulesTest {

    static final NetworkConfiguration NETWORK = new NetworkConfiguration(new AwsVpcConfiguration(
            List.of("subnet-1a2b"), List.of(), "DISABLED"));

    static ObjectNode definition() {
        ObjectNode definition = EventJson.mapper().createObjectNode().put("family", "web").put("cpu", "256")
                .put("memory", "512").put("networkMode", "awsvpc");
        definition.putArray("compatibilities").add("EC2").add("FARGATE");
        return definition;
    }

    static CreateService create(String scheduling, String launchType, List<CapacityProviderStrategyItem> strategy,
            NetworkConfiguration network, List<PlacementConstraint> constraints) {
        return new CreateService("web", "arn:aws:ecs:us-east-1:000000000000:task-definition/web:1",
                "DAEMON".equals(scheduling) ? null : 2, scheduling, launchType, strategy, null, constraints, List.of(),
                null, List.of(), network, null, List.of(), null);
    }

    @Test
    void aFargateServiceWithItsSubnetsOnTheLatestPlatformIsAccepted() {
        assertThatCode(() -> ServiceRules.checkFargate(create("REPLICA", "FARGATE", null, NETWORK, List.of()),
                definition(), null)).doesNotThrowAnyException();
        assertThatCode(() -> ServiceRules.checkFargate(create("REPLICA", null, List.of(
                new CapacityProviderStrategyItem("FARGATE_SPOT", 1, 0)), NETWORK, List.of()), definition(), "LATEST"))
                .doesNotThrowAnyException();
        assertThatCode(() -> ServiceRules.checkFargate(create("REPLICA", "FARGATE", null, NETWORK, List.of()),
                definition(), "1.4.0")).doesNotThrowAnyException();
    }

    @Test
    void daemonServicesAreRefusedOnFargate() {
        assertThatThrownBy(() -> ServiceRules.checkFargate(create("DAEMON", "FARGATE", null, NETWORK, List.of()),
                definition(), null)).hasMessage("The daemon scheduling strategy is not supported with the FARGATE"
                        + " launch type.");
    }

    @Test
    void theFargateRulesApplyToServices() {
        assertThatThrownBy(() -> ServiceRules.checkFargate(create("REPLICA", "FARGATE", null, null, List.of()),
                definition(), null)).hasMessage("Network Configuration must be provided when networkMode 'awsvpc' is"
                        + " specified.");
        assertThatThrownBy(() -> ServiceRules.checkFargate(create("REPLICA", "FARGATE", null, NETWORK,
                List.of(new PlacementConstraint("distinctInstance", null))), definition(), null))
                .hasMessage("Task placement constraints are not supported for the FARGATE launch type.");
    }

    @Test
    void anUpdateOfAFargateServiceChecksTheNewDefinitionAndNetwork() {
        ServiceSpec current = ServiceRules.create(create("REPLICA", "FARGATE", null, NETWORK, List.of()),
                "arn:aws:ecs:us-east-1:000000000000:cluster/c");
        ObjectNode ec2Only = definition();
        ec2Only.putArray("compatibilities").add("EC2");
        assertThatThrownBy(() -> ServiceRules.checkFargate(current, update(null), ec2Only, null))
                .hasMessage("Task definition does not support launch_type FARGATE.");
        assertThatCode(() -> ServiceRules.checkFargate(current, update(null), definition(), null))
                .doesNotThrowAnyException();
        ServiceSpec onInstances = ServiceRules.create(create("REPLICA", "EC2", null, null, List.of()),
                "arn:aws:ecs:us-east-1:000000000000:cluster/c");
        assertThatCode(() -> ServiceRules.checkFargate(onInstances, update(null), ec2Only, null)).doesNotThrowAnyException();
        assertThatThrownBy(() -> ServiceRules.checkFargate(onInstances, update(List.of(
                new CapacityProviderStrategyItem("FARGATE", 1, 0))), definition(), null))
                .hasMessage("Network Configuration must be provided when networkMode 'awsvpc' is specified.");
    }

    static ServiceCommand.UpdateService update(List<CapacityProviderStrategyItem> strategy) {
        return new ServiceCommand.UpdateService(null, null, null, strategy, null, null, null, null, null, null, false);
    }

    @Test
    void aServiceKeepsThePlatformVersionItAskedForAndItsFamilyAndEc2TakesNone() {
        CreateService latest = ServiceRules.checkFargate(create("REPLICA", "FARGATE", null, NETWORK, List.of()),
                definition(), null);
        assertThat(latest.platformVersion()).isEqualTo("LATEST");
        assertThat(latest.platformFamily()).isEqualTo("Linux");
        ServiceSpec older = ServiceRules.create(ServiceRules.checkFargate(create("REPLICA", "FARGATE", null, NETWORK,
                List.of()), definition(), "1.3.0"), "arn:aws:ecs:us-east-1:000000000000:cluster/c");
        assertThat(older.platformVersion()).isEqualTo("1.3.0");
        assertThat(older.platformFamily()).isEqualTo("Linux");
        assertThatThrownBy(() -> ServiceRules.checkFargate(create("REPLICA", "FARGATE", null, NETWORK, List.of()),
                definition(), "1.9.0")).isInstanceOfSatisfying(EcsException.class,
                        e -> assertThat(e.code()).isEqualTo("PlatformUnknownException"));
        assertThatThrownBy(() -> ServiceRules.checkFargate(create("REPLICA", "EC2", null, null, List.of()),
                definition(), "LATEST")).hasMessage("The platform version must be null when specifying an EC2 launch"
                        + " type.");
    }

    @Test
    void anUpdateKeepsTheServicesPlatformOrChangesItWithANewDeployment() {
        ServiceSpec current = ServiceRules.create(ServiceRules.checkFargate(create("REPLICA", "FARGATE", null, NETWORK,
                List.of()), definition(), "1.3.0"), "arn:aws:ecs:us-east-1:000000000000:cluster/c");

        ServiceCommand.UpdateService kept = ServiceRules.checkFargate(current, update(null), definition(), null);
        assertThat(ServiceRules.update(current, kept).spec().platformVersion()).isEqualTo("1.3.0");
        assertThat(ServiceRules.update(current, kept).newDeployment()).isFalse();

        ServiceCommand.UpdateService newer = ServiceRules.checkFargate(current, update(null), definition(), "LATEST");
        assertThat(ServiceRules.update(current, newer).spec().platformVersion()).isEqualTo("LATEST");
        assertThat(ServiceRules.update(current, newer).newDeployment()).isTrue();

        ObjectNode large = definition().put("cpu", "8192").put("memory", "16384");
        assertThatThrownBy(() -> ServiceRules.checkFargate(current, update(null), large, null))
                .isInstanceOfSatisfying(EcsException.class, e -> assertThat(e.code())
                        .isEqualTo("PlatformTaskDefinitionIncompatibilityException"));
    }
}
