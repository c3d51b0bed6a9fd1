package io.berth.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Attribute;
import software.amazon.awssdk.services.ecs.model.ClientException;
import software.amazon.awssdk.services.ecs.model.ClusterField;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerInstanceStatus;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.DescribeClustersResponse;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.Resource;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;
import software.amazon.awssdk.services.ecs.model.UnsupportedFeatureException;

/**
 * The AWS SDK for Java v2, unchanged, against the stack started the README's way: every
 * operation Berth implements, its errors as the SDK's typed exceptions, and its paginators.
 */
@ExtendWith(SharedStack.class)
class EcsSdkIT {

    static EcsClient ecs;

    @BeforeAll
    static void connect() {
        ecs = client("123456789012", Region.EU_WEST_1);
    }

    @AfterAll
    static void disconnect() {
        ecs.close();
    }

    static EcsClient client(String accessKey, Region region) {
        return EcsClient.builder()
                .endpointOverride(URI.create("http://localhost:8080"))
                .region(region)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, "secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @Test
    void clustersAreCreatedDescribedListedWithThePaginatorAndDeleted() {
        var created = ecs.createCluster(r -> r.clusterName("sdk").tags(Tag.builder().key("team").value("a").build()))
                .cluster();
        assertThat(created.clusterArn()).isEqualTo("arn:aws:ecs:eu-west-1:123456789012:cluster/sdk");
        assertThat(created.status()).isEqualTo("ACTIVE");

        DescribeClustersResponse described = ecs.describeClusters(r -> r.clusters("sdk", "missing")
                .include(ClusterField.TAGS));
        assertThat(described.clusters()).singleElement()
                .satisfies(c -> assertThat(c.tags()).containsExactly(Tag.builder().key("team").value("a").build()));
        assertThat(described.failures()).singleElement().satisfies(f -> {
            assertThat(f.reason()).isEqualTo("MISSING");
            assertThat(f.arn()).isEqualTo("arn:aws:ecs:eu-west-1:123456789012:cluster/missing");
        });

        try (EcsClient own = client("100000000001", Region.EU_WEST_1)) {
            IntStream.range(0, 11).forEach(i -> own.createCluster(r -> r.clusterName("page-" + i)));
            List<String> all = own.listClustersPaginator(r -> r.maxResults(4)).clusterArns().stream().toList();
            assertThat(all).hasSize(11).doesNotHaveDuplicates()
                    .allSatisfy(arn -> assertThat(arn).startsWith("arn:aws:ecs:eu-west-1:100000000001:cluster/page-"));
        }

        assertThat(ecs.deleteCluster(r -> r.cluster("sdk")).cluster().status()).isEqualTo("INACTIVE");
        assertThatThrownBy(() -> ecs.deleteCluster(r -> r.cluster("sdk")))
                .isInstanceOf(ClusterNotFoundException.class).hasMessageContaining("Cluster not found.");
    }

    @Test
    void taskDefinitionsAreRegisteredDescribedListedAndDeregistered() {
        RegisterTaskDefinitionResponse registered = ecs.registerTaskDefinition(r -> r.family("sdk-web")
                .networkMode(NetworkMode.AWSVPC).requiresCompatibilities(Compatibility.FARGATE).cpu("256")
                .memory("0.5GB").containerDefinitions(ContainerDefinition.builder().name("web").image("nginx")
                        .portMappings(PortMapping.builder().containerPort(80).build()).build()));
        assertThat(registered.taskDefinition().revision()).isEqualTo(1);
        assertThat(registered.taskDefinition().memory()).isEqualTo("512");
        assertThat(registered.taskDefinition().compatibilities()).contains(Compatibility.FARGATE);
        assertThat(registered.taskDefinition().registeredAt()).isNotNull();

        ecs.registerTaskDefinition(r -> r.family("sdk-web").containerDefinitions(ContainerDefinition.builder()
                .name("web").image("nginx").memory(128).build()));
        assertThat(ecs.describeTaskDefinition(r -> r.taskDefinition("sdk-web")).taskDefinition().revision())
                .isEqualTo(2);
        assertThat(ecs.listTaskDefinitionsPaginator(r -> r.familyPrefix("sdk-web").maxResults(1))
                .taskDefinitionArns().stream().toList()).hasSize(2);

        var deregistered = ecs.deregisterTaskDefinition(r -> r.taskDefinition("sdk-web:1")).taskDefinition();
        assertThat(deregistered.status()).isEqualTo(TaskDefinitionStatus.INACTIVE);
        assertThat(ecs.listTaskDefinitionFamilies(r -> r.familyPrefix("sdk-")).families()).containsExactly("sdk-web");

        assertThatThrownBy(() -> ecs.registerTaskDefinition(r -> r.family("bad").requiresCompatibilities(
                        Compatibility.FARGATE).networkMode(NetworkMode.AWSVPC).cpu("256").memory("4096")
                .containerDefinitions(ContainerDefinition.builder().name("a").image("nginx").build())))
                .isInstanceOf(ClientException.class);
    }

    @Test
    void containerInstancesRegisterRightAfterTheirClusterAndAreFilteredAndDrained() {
        ecs.createCluster(r -> r.clusterName("fleet"));
        var registered = ecs.registerContainerInstance(r -> r.cluster("fleet")
                .totalResources(Resource.builder().name("CPU").type("INTEGER").integerValue(2048).build(),
                        Resource.builder().name("MEMORY").type("INTEGER").integerValue(4096).build())
                .instanceIdentityDocument("{\"instanceId\":\"i-0abc\",\"instanceType\":\"c5.large\","
                        + "\"availabilityZone\":\"eu-west-1c\"}")
                .attributes(Attribute.builder().name("stack").value("prod").build())).containerInstance();
        assertThat(registered.status()).isEqualTo("ACTIVE");
        assertThat(registered.ec2InstanceId()).isEqualTo("i-0abc");
        String arn = registered.containerInstanceArn();

        assertThat(ecs.listContainerInstances(r -> r.cluster("fleet")
                .filter("attribute:ecs.instance-type == c5.large and attribute:stack == prod"))
                .containerInstanceArns()).containsExactly(arn);
        assertThat(ecs.listContainerInstances(r -> r.cluster("fleet").filter("attribute:stack == dev"))
                .containerInstanceArns()).isEmpty();
        assertThatThrownBy(() -> ecs.listContainerInstances(r -> r.cluster("fleet").filter("attribute:stack ==")))
                .isInstanceOf(InvalidParameterException.class);

        ecs.updateContainerInstancesState(r -> r.cluster("fleet").containerInstances(arn)
                .status(ContainerInstanceStatus.DRAINING));
        assertThat(ecs.describeContainerInstances(r -> r.cluster("fleet").containerInstances(arn))
                .containerInstances()).singleElement().satisfies(i -> assertThat(i.status()).isEqualTo("DRAINING"));
        assertThat(ecs.deregisterContainerInstance(r -> r.cluster("fleet").containerInstance(arn))
                .containerInstance().status()).isEqualTo("INACTIVE");
        assertThatThrownBy(() -> ecs.registerContainerInstance(r -> r.cluster("never-made")
                .totalResources(Resource.builder().name("CPU").type("INTEGER").integerValue(1).build())))
                .isInstanceOf(ClusterNotFoundException.class);
    }

    @Test
    void capacityProvidersTagsAndAccountsBehaveAsInEcs() {
        ecs.createCapacityProvider(r -> r.name("sdk-asg").autoScalingGroupProvider(p -> p.autoScalingGroupArn("asg")));
        assertThat(ecs.describeCapacityProviders(r -> r.capacityProviders("sdk-asg", "FARGATE")).capacityProviders())
                .hasSize(2);
        ecs.createCluster(r -> r.clusterName("tagged"));
        String arn = "arn:aws:ecs:eu-west-1:123456789012:cluster/tagged";
        ecs.tagResource(r -> r.resourceArn(arn).tags(Tag.builder().key("k").value("v").build()));
        assertThat(ecs.listTagsForResource(r -> r.resourceArn(arn)).tags()).hasSize(1);
        ecs.untagResource(r -> r.resourceArn(arn).tagKeys("k"));
        assertThat(ecs.listTagsForResource(r -> r.resourceArn(arn)).tags()).isEmpty();

        assertThatThrownBy(() -> ecs.createCluster(r -> r.clusterName("no spaces allowed")))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> ecs.getTaskProtection(r -> r.cluster("tagged")))
                .isInstanceOf(UnsupportedFeatureException.class).hasMessageContaining("GetTaskProtection");

        try (EcsClient other = client("210987654321", Region.EU_WEST_1)) {
            assertThat(other.listClusters().clusterArns()).isEmpty();
        }
        try (EcsClient otherRegion = client("123456789012", Region.US_EAST_1)) {
            assertThat(otherRegion.listClusters().clusterArns()).isEmpty();
        }
    }
}
