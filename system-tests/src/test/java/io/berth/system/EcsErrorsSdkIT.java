package io.berth.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Attribute;
import software.amazon.awssdk.services.ecs.model.AttributeLimitExceededException;
import software.amazon.awssdk.services.ecs.model.ClusterContainsContainerInstancesException;
import software.amazon.awssdk.services.ecs.model.ClusterContainsServicesException;
import software.amazon.awssdk.services.ecs.model.ClusterContainsTasksException;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.PlacementStrategyType;
import software.amazon.awssdk.services.ecs.model.Resource;
import software.amazon.awssdk.services.ecs.model.SchedulingStrategy;
import software.amazon.awssdk.services.ecs.model.TargetNotFoundException;
import software.amazon.awssdk.services.ecs.model.TargetType;

/**
 * The rows of {@code docs/errors.md} outside the scheduler, through the AWS SDK for Java v2 against
 * the stack: each error arrives as the SDK's typed exception with ECS's message, and what ECS
 * accepts (a real agent's fifty built-in attributes, a registration without totalResources, a
 * target named by its ARN) is accepted.
 */
@ExtendWith(SharedStack.class)
class EcsErrorsSdkIT {

    static final String ACCOUNT = "123456789016";
    static EcsClient ecs;

    @BeforeAll
    static void connect() {
        ecs = EcsSdkIT.client(ACCOUNT, Region.EU_WEST_1);
    }

    @AfterAll
    static void disconnect() {
        ecs.close();
    }

    static ContainerInstance register(String cluster, String instanceType, List<Attribute> attributes) {
        return ecs.registerContainerInstance(r -> r.cluster(cluster).attributes(attributes)
                .instanceIdentityDocument("{\"instanceId\":\"i-0" + instanceType.replace(".", "") + "\","
                        + "\"instanceType\":\"" + instanceType + "\",\"availabilityZone\":\"eu-west-1a\"}"))
                .containerInstance();
    }

    static List<Attribute> agentAttributes(int builtIn, int custom) {
        List<Attribute> attributes = new ArrayList<>();
        IntStream.range(0, builtIn).forEach(i -> attributes.add(Attribute.builder()
                .name(i % 2 == 0 ? "ecs.capability.feature-" + i : "com.amazonaws.ecs.capability.docker-remote-api.1." + i)
                .build()));
        IntStream.range(0, custom).forEach(i -> attributes.add(Attribute.builder().name("custom-" + i).value("v")
                .build()));
        return attributes;
    }

    @Test
    void registrationCountsOnlyCustomAttributesAndNeedsNoTotalResources() {
        ecs.createCluster(r -> r.clusterName("registrations"));
        ContainerInstance instance = register("registrations", "t2.micro", agentAttributes(40, 10));
        assertThat(instance.attributes()).hasSize(52);
        assertThat(instance.registeredResources()).extracting(Resource::name)
                .containsExactly("CPU", "MEMORY", "PORTS", "PORTS_UDP");
        assertThat(instance.registeredResources().get(0).integerValue()).isEqualTo(1024);
        assertThat(instance.registeredResources().get(2).stringSetValue())
                .containsExactly("22", "2375", "2376", "51678", "51679");

        assertThatThrownBy(() -> register("registrations", "t2.micro", agentAttributes(40, 11)))
                .isInstanceOf(AttributeLimitExceededException.class);
        assertThatThrownBy(() -> register("registrations", "x9.colossal", List.of()))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("x9.colossal");
        assertThatThrownBy(() -> register("never-created", "t2.micro", List.of()))
                .isInstanceOf(ClusterNotFoundException.class).hasMessageContaining("Cluster not found.");
        assertThatThrownBy(() -> ecs.describeContainerInstances(r -> r.cluster("never-created")
                .containerInstances(instance.containerInstanceArn().substring(instance.containerInstanceArn()
                        .lastIndexOf('/') + 1))))
                .isInstanceOf(ClusterNotFoundException.class).hasMessageContaining("Cluster not found.");
        assertThatThrownBy(() -> ecs.describeContainerInstances(r -> r.cluster("registrations")
                .containerInstances(List.of())))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("Container instance cannot be empty.");
    }

    @Test
    void attributesAreTargetedByIdWithTheirTypeOrByArnAlone() {
        ecs.createCluster(r -> r.clusterName("attributes"));
        String arn = register("attributes", "t3.small", List.of()).containerInstanceArn();
        String id = arn.substring(arn.lastIndexOf('/') + 1);

        ecs.putAttributes(r -> r.attributes(Attribute.builder().name("rack").value("r1").targetId(arn).build()));
        ecs.putAttributes(r -> r.cluster("attributes").attributes(Attribute.builder().name("row").value("b")
                .targetType(TargetType.CONTAINER_INSTANCE).targetId(id).build()));
        assertThat(ecs.listAttributes(r -> r.cluster("attributes").targetType(TargetType.CONTAINER_INSTANCE))
                .attributes()).extracting(Attribute::name).contains("rack", "row");

        assertThatThrownBy(() -> ecs.putAttributes(r -> r.cluster("attributes").attributes(Attribute.builder()
                .name("row").value("c").targetId(id).build())))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("targetType");
        assertThatThrownBy(() -> ecs.putAttributes(r -> r.cluster("attributes").attributes(Attribute.builder()
                .name("row").value("c").targetType(TargetType.CONTAINER_INSTANCE).targetId("0".repeat(32)).build())))
                .isInstanceOf(TargetNotFoundException.class);
        assertThatThrownBy(() -> ecs.putAttributes(r -> r.attributes(IntStream.range(0, 9).mapToObj(i -> Attribute
                .builder().name("more-" + i).value("v").targetId(arn).build()).toList())))
                .isInstanceOf(AttributeLimitExceededException.class);
    }

    @Test
    void aClusterIsNotDeletedWhileInstancesServicesOrTasksRemain() {
        ecs.createCluster(r -> r.clusterName("busy"));
        ecs.registerTaskDefinition(r -> r.family("busy-job").containerDefinitions(ContainerDefinition.builder()
                .name("main").image("busybox").memory(64).build()));
        String instance = register("busy", "t3.small", List.of()).containerInstanceArn();
        // The counters follow the owners' events, and show the caller's own writes at once (ADR 0033).
        assertCounts("busy", 1, 0, 0);
        assertThatThrownBy(() -> ecs.deleteCluster(r -> r.cluster("busy")))
                .isInstanceOf(ClusterContainsContainerInstancesException.class)
                .hasMessageContaining("The Cluster cannot be deleted while Container Instances are active or draining.");

        String task = ecs.runTask(r -> r.cluster("busy").taskDefinition("busy-job")).tasks().get(0).taskArn();
        ecs.deregisterContainerInstance(r -> r.cluster("busy").containerInstance(instance).force(true));
        // Placed, never reported by an agent: pending all the same.
        assertCounts("busy", 0, 1, 0);
        assertThatThrownBy(() -> ecs.deleteCluster(r -> r.cluster("busy")))
                .isInstanceOf(ClusterContainsTasksException.class)
                .hasMessageContaining("The Cluster cannot be deleted while Tasks are active.");
        // The instance holds the task at once, though the placement reaches it by event.
        assertThat(ecs.describeContainerInstances(r -> r.cluster("busy").containerInstances(instance))
                .containerInstances().get(0).pendingTasksCount()).isEqualTo(1);
        ecs.submitTaskStateChange(r -> r.cluster("busy").task(task).status("STOPPED").reason("gone"));

        ecs.createService(r -> r.cluster("busy").serviceName("idle").taskDefinition("busy-job").desiredCount(0));
        assertCounts("busy", 0, 0, 1);
        assertThatThrownBy(() -> ecs.deleteCluster(r -> r.cluster("busy")))
                .isInstanceOf(ClusterContainsServicesException.class)
                .hasMessageContaining("The Cluster cannot be deleted while Services are active.");
        ecs.deleteService(r -> r.cluster("busy").service("idle"));
        assertCounts("busy", 0, 0, 0);
        assertThat(ecs.deleteCluster(r -> r.cluster("busy")).cluster().status()).isEqualTo("INACTIVE");

        assertThatThrownBy(() -> ecs.runTask(r -> r.cluster("busy").taskDefinition("busy-job")))
                .isInstanceOf(ClusterNotFoundException.class)
                .hasMessageContaining("The referenced cluster was inactive.");
        assertThatThrownBy(() -> ecs.listTasks(r -> r.cluster("never-was")))
                .isInstanceOf(ClusterNotFoundException.class).hasMessageContaining("Cluster not found.");
    }

    static void assertCounts(String cluster, int instances, int pendingTasks, int services) {
        assertThat(ecs.describeClusters(r -> r.clusters(cluster)).clusters()).singleElement().satisfies(c -> {
            assertThat(c.registeredContainerInstancesCount()).isEqualTo(instances);
            assertThat(c.pendingTasksCount()).isEqualTo(pendingTasks);
            assertThat(c.activeServicesCount()).isEqualTo(services);
        });
    }

    @Test
    void theSchedulerRefusesInEcsWords() {
        ecs.createCluster(r -> r.clusterName("words"));
        ecs.registerTaskDefinition(r -> r.family("words").containerDefinitions(ContainerDefinition.builder()
                .name("main").image("busybox").memory(64).build()));

        assertThatThrownBy(() -> ecs.describeTasks(r -> r.cluster("words").tasks(List.of())))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("Tasks cannot be empty.");
        assertThatThrownBy(() -> ecs.createService(r -> r.cluster("words").serviceName("everywhere")
                .taskDefinition("words").schedulingStrategy(SchedulingStrategy.DAEMON)
                .placementStrategy(s -> s.type(PlacementStrategyType.SPREAD).field("instanceId"))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("The daemon scheduling strategy"
                        + " does not support placement strategies. Remove the placement strategy and try again");
        assertThat(ecs.listServices(r -> r.cluster("words")).serviceArns()).isEmpty();
    }

    @Test
    void deleteTaskDefinitionsSaysWhyInTheReason() {
        ecs.registerTaskDefinition(r -> r.family("kept").containerDefinitions(ContainerDefinition.builder()
                .name("main").image("busybox").memory(64).build()));
        var answer = ecs.deleteTaskDefinitions(r -> r.taskDefinitions("kept:1", "kept:9"));
        assertThat(answer.taskDefinitions()).isEmpty();
        assertThat(answer.failures()).satisfiesExactly(
                f -> {
                    assertThat(f.arn()).isEqualTo("arn:aws:ecs:eu-west-1:" + ACCOUNT + ":task-definition/kept:1");
                    assertThat(f.reason()).isEqualTo("The specified task definition is still in ACTIVE status."
                            + " Please deregister the target and try again.");
                },
                f -> assertThat(f.reason()).isEqualTo("The specified task definition does not exist."));
    }

    @Test
    void aControlCharacterInAnyMemberIsAClientErrorNamingIt() {
        assertThatThrownBy(() -> ecs.listTasks(r -> r.cluster("web\u0000")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("Member 'cluster'");
        assertThatThrownBy(() -> ecs.stopTask(r -> r.cluster("web").task("\u0001abc")))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("Member 'task'");
        assertThatThrownBy(() -> ecs.createCluster(r -> r.clusterName("tabbed").tags(t -> t.key("k")
                .value("line\u001bbreak")))).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Member 'tags[0].value'");
        assertThat(ecs.listClusters().clusterArns()).noneMatch(arn -> arn.endsWith("/tabbed"));
    }
}
