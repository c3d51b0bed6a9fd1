package io.berth.scheduler.service;

import io.berth.events.Shapes.LoadBalancer;
import static io.berth.scheduler.service.Services.CLUSTER;
import static io.berth.scheduler.service.Services.TD1;
import static io.berth.scheduler.service.Services.TD2;
import static io.berth.scheduler.service.Services.config;
import static io.berth.scheduler.service.Services.create;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.ecs.EcsException;
import io.berth.events.Shapes.CapacityProviderStrategyItem;
import io.berth.events.Shapes.DeploymentCircuitBreaker;
import io.berth.events.Shapes.DeploymentConfiguration;
import io.berth.events.Shapes.PlacementConstraint;
import io.berth.events.Shapes.PlacementStrategy;
import io.berth.events.Shapes.Tag;
import io.berth.scheduler.service.ServiceCommand.RequestedCircuitBreaker;
import io.berth.scheduler.service.ServiceCommand.RequestedConfiguration;
import io.berth.scheduler.service.ServiceCommand.UpdateService;
import io.berth.scheduler.service.ServiceSpec.SchedulingStrategy;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ServiceRulesTest {

    private static final LoadBalancer TARGET_GROUP = new LoadBalancer(
            "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/0123456789abcdef", null, "web", 8080);

    @Test
    void aReplicaServiceGetsTheEcsDefaults() {
        ServiceSpec spec = ServiceRules.create(create().build(), CLUSTER);

        assertThat(spec.serviceArn()).isEqualTo("arn:aws:ecs:eu-west-1:123456789012:service/prod/web");
        assertThat(spec.schedulingStrategy()).isEqualTo(SchedulingStrategy.REPLICA);
        assertThat(spec.desiredCount()).isEqualTo(3);
        assertThat(spec.deploymentConfiguration())
                .isEqualTo(new DeploymentConfiguration(100, 200, new DeploymentCircuitBreaker(false, false)));
        assertThat(spec.healthCheckGracePeriodSeconds()).isZero();
        assertThat(spec.propagateTags()).isEqualTo("NONE");
        assertThat(spec.launchType()).isNull();
        assertThat(spec.capacityProviderStrategy()).isNull();
        assertThat(spec.placementConstraints()).isEmpty();
        assertThat(spec.loadBalancers()).isEmpty();
        assertThat(spec.group()).isEqualTo("service:web");
    }

    @Test
    void aDaemonServiceDefaultsTo0And100AndNeedsNoDesiredCount() {
        ServiceSpec spec = ServiceRules.create(create().desiredCount(null).schedulingStrategy("DAEMON").build(), CLUSTER);

        assertThat(spec.schedulingStrategy()).isEqualTo(SchedulingStrategy.DAEMON);
        assertThat(spec.desiredCount()).isZero();
        assertThat(spec.deploymentConfiguration().minimumHealthyPercent()).isZero();
        assertThat(spec.deploymentConfiguration().maximumPercent()).isEqualTo(100);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidCreates")
    void createServiceIsRejectedNamingTheMember(String rule, UnaryOperator<Services.Create> change, String code,
            String message) {
        assertThatThrownBy(() -> ServiceRules.create(change.apply(create()).build(), CLUSTER))
                .isInstanceOfSatisfying(EcsException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.getMessage()).isEqualTo(message);
                });
    }

    static Stream<Arguments> invalidCreates() {
        String invalid = "InvalidParameterException";
        return Stream.of(
                Arguments.of("name missing", op(c -> c.name(null)), invalid, "serviceName can not be blank."),
                Arguments.of("name with a dot", op(c -> c.name("web.app")), invalid, "Service name can have up to 255"
                        + " characters: letters (uppercase and lowercase), numbers, underscores and hyphens."),
                Arguments.of("name of 256", op(c -> c.name("a".repeat(256))), invalid, "Service name can have up to"
                        + " 255 characters: letters (uppercase and lowercase), numbers, underscores and hyphens."),
                Arguments.of("task definition missing", op(c -> c.taskDefinition(null)), invalid,
                        "taskDefinition can not be blank."),
                Arguments.of("REPLICA without desiredCount", op(c -> c.desiredCount(null)), invalid,
                        "desiredCount is required for a service with the REPLICA scheduling strategy."),
                Arguments.of("negative desiredCount", op(c -> c.desiredCount(-1)), invalid,
                        "desiredCount can not be negative."),
                Arguments.of("unknown scheduling strategy", op(c -> c.schedulingStrategy("BATCH")), invalid,
                        "schedulingStrategy must be one of REPLICA, DAEMON."),
                Arguments.of("DAEMON with desiredCount", op(c -> c.schedulingStrategy("DAEMON").desiredCount(2)),
                        invalid, "desiredCount can not be specified for a service with the DAEMON scheduling strategy."),
                Arguments.of("DAEMON with a placement strategy", op(c -> c.schedulingStrategy("DAEMON")
                        .desiredCount(null).strategies(List.of(new PlacementStrategy("spread", "instanceId")))),
                        invalid, "The daemon scheduling strategy does not support placement strategies. Remove the"
                                + " placement strategy and try again"),
                Arguments.of("DAEMON with maximumPercent 200", op(c -> c.schedulingStrategy("DAEMON")
                        .desiredCount(null).configuration(config(0, 200))), invalid,
                        "deploymentConfiguration.maximumPercent must be 100 for a service with the DAEMON scheduling"
                                + " strategy."),
                Arguments.of("REPLICA with maximumPercent 99", op(c -> c.configuration(config(50, 99))), invalid,
                        "deploymentConfiguration.maximumPercent must be at least 100 for a service with the REPLICA"
                                + " scheduling strategy."),
                Arguments.of("REPLICA with 100/100", op(c -> c.configuration(config(100, 100))), invalid,
                        "deploymentConfiguration with minimumHealthyPercent 100 and maximumPercent 100 does not let"
                                + " the scheduler stop or start tasks during a deployment. Update the"
                                + " minimumHealthyPercent or maximumPercent value and try again."),
                Arguments.of("minimumHealthyPercent 101", op(c -> c.configuration(config(101, 200))), invalid,
                        "deploymentConfiguration.minimumHealthyPercent must be between 0 and 100."),
                Arguments.of("minimumHealthyPercent -1", op(c -> c.configuration(config(-1, 200))), invalid,
                        "deploymentConfiguration.minimumHealthyPercent must be between 0 and 100."),
                Arguments.of("circuit breaker without rollback", op(c -> c.configuration(new RequestedConfiguration(
                        null, null, new RequestedCircuitBreaker(true, null)))), invalid,
                        "deploymentConfiguration.deploymentCircuitBreaker.rollback can not be blank."),
                Arguments.of("launch type and capacity providers", op(c -> c.launchType("EC2")
                        .capacityProviders(List.of(new CapacityProviderStrategyItem("cp", 1, 0)))), invalid,
                        "Specifying both a launch type and capacity provider strategy is not supported. Remove one"
                                + " and try again."),
                Arguments.of("MANAGED_INSTANCES", op(c -> c.launchType("MANAGED_INSTANCES")),
                        "UnsupportedFeatureException", "Berth does not run the launch type MANAGED_INSTANCES. Use EC2,"
                                + " EXTERNAL or FARGATE."),
                Arguments.of("two bases", op(c -> c.capacityProviders(List.of(new CapacityProviderStrategyItem("a", 1,
                        1), new CapacityProviderStrategyItem("b", 1, 2)))), invalid,
                        "Only one capacity provider in a capacity provider strategy can have a base defined."),
                Arguments.of("unknown constraint", op(c -> c.constraints(List.of(new PlacementConstraint("sameZone",
                        null)))), invalid, "Invalid placement constraint type 'sameZone'. Valid values are memberOf and"
                                + " distinctInstance."),
                Arguments.of("six strategies", op(c -> c.strategies(IntStream.range(0, 6)
                        .mapToObj(i -> new PlacementStrategy("random", null)).toList())), invalid,
                        "placementStrategy can have at most 5 items."),
                Arguments.of("load balancer without container", op(c -> c.loadBalancers(List.of(new LoadBalancer(
                        TARGET_GROUP.targetGroupArn(), null, null, 8080)))), invalid,
                        "loadBalancers.containerName can not be blank."),
                Arguments.of("load balancer without port", op(c -> c.loadBalancers(List.of(new LoadBalancer(
                        TARGET_GROUP.targetGroupArn(), null, "web", null)))), invalid,
                        "loadBalancers.containerPort is required."),
                Arguments.of("load balancer with neither", op(c -> c.loadBalancers(List.of(new LoadBalancer(null, null,
                        "web", 8080)))), invalid,
                        "loadBalancers needs either a targetGroupArn or a loadBalancerName, not both."),
                Arguments.of("load balancer with both", op(c -> c.loadBalancers(List.of(new LoadBalancer(
                        TARGET_GROUP.targetGroupArn(), "classic", "web", 8080)))), invalid,
                        "loadBalancers needs either a targetGroupArn or a loadBalancerName, not both."),
                Arguments.of("two classic load balancers", op(c -> c.loadBalancers(List.of(
                        new LoadBalancer(null, "a", "web", 80), new LoadBalancer(null, "b", "web", 80)))), invalid,
                        "loadBalancers can have only one item with a Classic Load Balancer (loadBalancerName)."),
                Arguments.of("six target groups", op(c -> c.loadBalancers(IntStream.range(0, 6).mapToObj(i ->
                        new LoadBalancer("tg" + i, null, "web", 8080)).toList())), invalid,
                        "loadBalancers can have at most 5 items."),
                Arguments.of("grace period without load balancer", op(c -> c.grace(30)), invalid,
                        "Health check grace period is only valid for services configured to use load balancers"),
                Arguments.of("negative grace period", op(c -> c.loadBalancers(List.of(TARGET_GROUP)).grace(-1)),
                        invalid, "healthCheckGracePeriodSeconds must be between 0 and 2147483647."),
                Arguments.of("clientToken of 37", op(c -> c.clientToken("x".repeat(37))), invalid,
                        "clientToken must be 1 to 36 ASCII characters from ! to ~."),
                Arguments.of("clientToken with a space", op(c -> c.clientToken("a b")), invalid,
                        "clientToken must be 1 to 36 ASCII characters from ! to ~."),
                Arguments.of("propagateTags unknown", op(c -> c.propagateTags("CLUSTER")), invalid,
                        "propagateTags must be one of TASK_DEFINITION, SERVICE, NONE."),
                Arguments.of("51 tags", op(c -> c.tags(IntStream.range(0, 51).mapToObj(i -> new Tag("k" + i, "v"))
                        .toList())), invalid, "tags can have at most 50 items."));
    }

    private static UnaryOperator<Services.Create> op(UnaryOperator<Services.Create> change) {
        return change;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validCreates")
    void createServiceAccepts(String rule, UnaryOperator<Services.Create> change) {
        assertThat(ServiceRules.create(change.apply(create()).build(), CLUSTER)).isNotNull();
    }

    static Stream<Arguments> validCreates() {
        return Stream.of(
                Arguments.of("name of 255 with _ and -", op(c -> c.name("a_b-" + "c".repeat(251)))),
                Arguments.of("desiredCount 0", op(c -> c.desiredCount(0))),
                Arguments.of("100/101", op(c -> c.configuration(config(100, 101)))),
                Arguments.of("0/100", op(c -> c.configuration(config(0, 100)))),
                Arguments.of("DAEMON with 100/100 (only REPLICA is refused)", op(c -> c.schedulingStrategy("DAEMON")
                        .desiredCount(null).configuration(config(100, 100)))),
                Arguments.of("clientToken of 36 printable characters", op(c -> c.clientToken("!~" + "x".repeat(34)))),
                Arguments.of("grace period of 2147483647 with a target group", op(c -> c.loadBalancers(
                        List.of(TARGET_GROUP)).grace(Integer.MAX_VALUE))),
                Arguments.of("grace period 0 without load balancer", op(c -> c.grace(0))),
                Arguments.of("a Classic Load Balancer", op(c -> c.loadBalancers(List.of(new LoadBalancer(null,
                        "classic", "web", 80))))),
                Arguments.of("memberOf constraint", op(c -> c.constraints(List.of(new PlacementConstraint("memberOf",
                        "attribute:ecs.instance-type =~ t3.*"))))),
                Arguments.of("EXTERNAL", op(c -> c.launchType("EXTERNAL"))));
    }

    @ParameterizedTest(name = "{0} → new deployment: {1}")
    @MethodSource("updates")
    void updateStartsADeploymentOnlyForWhatChangesTheTasks(String what, boolean newDeployment, UpdateService update) {
        ServiceSpec current = ServiceRules.create(create().loadBalancers(List.of(TARGET_GROUP)).build(), CLUSTER);

        assertThat(ServiceRules.update(current, update).newDeployment()).isEqualTo(newDeployment);
    }

    static Stream<Arguments> updates() {
        return Stream.of(
                Arguments.of("taskDefinition", true, Services.updateTaskDefinition(TD2)),
                Arguments.of("the same taskDefinition", false, Services.updateTaskDefinition(TD1)),
                Arguments.of("forceNewDeployment", true, new UpdateService(null, null, null, null, null, null, null,
                        null, null, null, true)),
                Arguments.of("loadBalancers removed", true, new UpdateService(null, null, null, null, null, null, null,
                        List.of(), null, null, false)),
                Arguments.of("desiredCount", false, Services.updateDesiredCount(7)),
                Arguments.of("deploymentConfiguration", false, new UpdateService(null, null, config(50, 150), null,
                        null, null, null, null, null, null, false)),
                Arguments.of("placementConstraints", false, new UpdateService(null, null, null, null,
                        List.of(new PlacementConstraint("distinctInstance", null)), null, null, null, null, null, false)),
                Arguments.of("healthCheckGracePeriodSeconds", false, new UpdateService(null, null, null, null, null,
                        null, 60, null, null, null, false)));
    }

    @Test
    void updateKeepsWhatItDoesNotNameAndMergesTheConfiguration() {
        ServiceSpec current = ServiceRules.create(create().configuration(config(50, 150))
                .constraints(List.of(new PlacementConstraint("distinctInstance", null))).build(), CLUSTER);

        ServiceRules.Update update = ServiceRules.update(current, new UpdateService(5, null,
                new RequestedConfiguration(null, 300, null), null, null, List.of(), null, null, null, null, false));

        assertThat(update.spec().desiredCount()).isEqualTo(5);
        assertThat(update.spec().deploymentConfiguration().minimumHealthyPercent()).isEqualTo(50);
        assertThat(update.spec().deploymentConfiguration().maximumPercent()).isEqualTo(300);
        assertThat(update.spec().placementConstraints()).hasSize(1);
        assertThat(update.spec().placementStrategy()).isEmpty();
        assertThat(update.spec().taskDefinitionArn()).isEqualTo(TD1);
    }

    @Test
    void updateChecksWhatItChangesLikeCreate() {
        ServiceSpec current = ServiceRules.create(create().build(), CLUSTER);

        assertThatThrownBy(() -> ServiceRules.update(current, Services.updateDesiredCount(-1)))
                .hasMessage("desiredCount can not be negative.");
        assertThatThrownBy(() -> ServiceRules.update(current, new UpdateService(null, null, config(100, 100), null,
                null, null, null, null, null, null, false))).hasMessageContaining("minimumHealthyPercent 100 and"
                        + " maximumPercent 100");
        assertThatThrownBy(() -> ServiceRules.update(current, new UpdateService(null, null, null, null, null, null, 30,
                null, null, null, false))).hasMessage("Health check grace period is only valid for services configured to"
                        + " use load balancers");
        assertThatThrownBy(() -> ServiceRules.update(current, new UpdateService(null, " ", null, null, null, null,
                null, null, null, null, false))).hasMessage("taskDefinition can not be blank.");
    }

    @Test
    void aDaemonCanNotBeGivenADesiredCountOnUpdate() {
        ServiceSpec daemon = ServiceRules.create(create().desiredCount(null).schedulingStrategy("DAEMON").build(),
                CLUSTER);

        assertThatThrownBy(() -> ServiceRules.update(daemon, Services.updateDesiredCount(3)))
                .hasMessage("desiredCount can not be specified for a service with the DAEMON scheduling strategy.");
    }

    @Test
    void loadBalancerContainersMustExistInTheTaskDefinition() {
        Map<String, Set<Integer>> containers = Map.of("web", Set.of(8080), "sidecar", Set.of());

        ServiceRules.checkContainers(List.of(TARGET_GROUP), containers);
        assertThatThrownBy(() -> ServiceRules.checkContainers(List.of(new LoadBalancer("tg", null, "api", 8080)),
                containers)).hasMessage("The container api does not exist in the task definition.");
        assertThatThrownBy(() -> ServiceRules.checkContainers(List.of(new LoadBalancer("tg", null, "web", 9090)),
                containers)).hasMessage("The container web did not have a container port 9090 defined.");
    }
}
