package io.berth.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClientException;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.ContainerInstanceStatus;
import software.amazon.awssdk.services.ecs.model.Resource;
import software.amazon.awssdk.services.ecs.model.RunTaskResponse;

/**
 * Every write is visible to the next call (issue 14 item 3, ADR 0033): each write-then-use pair the
 * issue names, {@value #TIMES} times back to back through the AWS SDK against the stack, with the
 * SDK's retries off so that nothing hides a miss. No awaiting between the calls: the stack must
 * make the second see the first.
 */
@ExtendWith(SharedStack.class)
class ReadYourWritesIT {

    static final int TIMES = 1000;
    static final String ACCOUNT = "123456789033";
    static EcsClient ecs;

    @BeforeAll
    static void connect() {
        ecs = EcsClient.builder()
                .endpointOverride(URI.create("http://localhost:8080"))
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCOUNT, "secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
        ecs.registerTaskDefinition(r -> r.family("ryw-small").containerDefinitions(ContainerDefinition.builder()
                .name("main").image("busybox").cpu(1).memory(6).build()));
    }

    @AfterAll
    static void disconnect() {
        ecs.close();
    }

    /** An external instance (no agent of Berth's) with room for {@code cpu} units and a great deal of memory. */
    static String register(String cluster, int cpu) {
        return ecs.registerContainerInstance(r -> r.cluster(cluster).totalResources(
                Resource.builder().name("CPU").type("INTEGER").integerValue(cpu).build(),
                Resource.builder().name("MEMORY").type("INTEGER").integerValue(1_000_000).build()))
                .containerInstance().containerInstanceArn();
    }

    static RunTaskResponse runOne(String cluster, String taskDefinition) {
        return ecs.runTask(r -> r.cluster(cluster).taskDefinition(taskDefinition));
    }

    @Test
    void aNewClusterTakesInstancesAtOnceAndANewInstanceTakesTasksAtOnce() {
        List<String> misses = new ArrayList<>();
        for (int i = 0; i < TIMES; i++) {
            String cluster = "ryw-cluster-" + i;
            ecs.createCluster(r -> r.clusterName(cluster));
            String instance = register(cluster, 1024);
            RunTaskResponse run = runOne(cluster, "ryw-small");
            if (!run.failures().isEmpty() || run.tasks().size() != 1
                    || !instance.equals(run.tasks().get(0).containerInstanceArn())) {
                misses.add(cluster + ": " + run.failures());
            }
            int registered = ecs.describeClusters(r -> r.clusters(cluster)).clusters().get(0)
                    .registeredContainerInstancesCount();
            if (registered != 1) {
                misses.add(cluster + ": DescribeClusters counts " + registered + " instances");
            }
        }
        assertThat(misses).isEmpty();
    }

    @Test
    void aNewRevisionIsUsableAtOnceAndADeregisteredOneIsRefusedAtOnce() {
        String cluster = "ryw-revisions";
        ecs.createCluster(r -> r.clusterName(cluster));
        String instance = register(cluster, 1_000_000);
        for (int i = 0; i < TIMES; i++) {
            String family = "ryw-family-" + (i % 10);
            String revision = ecs.registerTaskDefinition(r -> r.family(family).containerDefinitions(
                    ContainerDefinition.builder().name("main").image("busybox").cpu(1).memory(6).build()))
                    .taskDefinition().taskDefinitionArn();
            RunTaskResponse run = runOne(cluster, revision);
            assertThat(run.failures()).as("RunTask of %s", revision).isEmpty();
            assertThat(run.tasks()).singleElement().satisfies(t -> {
                assertThat(t.taskDefinitionArn()).isEqualTo(revision);
                assertThat(t.containerInstanceArn()).isEqualTo(instance);
            });
            String service = "ryw-service-" + i;
            assertThat(ecs.createService(r -> r.cluster(cluster).serviceName(service).taskDefinition(revision)
                    .desiredCount(0)).service().taskDefinition()).isEqualTo(revision);

            ecs.deregisterTaskDefinition(r -> r.taskDefinition(revision));
            assertThatThrownBy(() -> runOne(cluster, revision)).as("RunTask of deregistered %s", revision)
                    .isInstanceOf(ClientException.class).hasMessageContaining("TaskDefinition is inactive");
        }
    }

    @Test
    void anInactiveRevisionIsRefusedByEveryOperationThatStartsFromIt() {
        String cluster = "ryw-inactive";
        ecs.createCluster(r -> r.clusterName(cluster));
        String instance = register(cluster, 4096);
        String active = ecs.registerTaskDefinition(r -> r.family("ryw-inactive").containerDefinitions(
                ContainerDefinition.builder().name("main").image("busybox").cpu(1).memory(6).build()))
                .taskDefinition().taskDefinitionArn();
        ecs.createService(r -> r.cluster(cluster).serviceName("keeps").taskDefinition(active).desiredCount(0));
        String inactive = ecs.registerTaskDefinition(r -> r.family("ryw-inactive").containerDefinitions(
                ContainerDefinition.builder().name("main").image("busybox").cpu(1).memory(6).build()))
                .taskDefinition().taskDefinitionArn();
        ecs.deregisterTaskDefinition(r -> r.taskDefinition(inactive));

        assertThatThrownBy(() -> runOne(cluster, inactive)).isInstanceOf(ClientException.class)
                .hasMessageContaining("TaskDefinition is inactive");
        assertThatThrownBy(() -> ecs.startTask(r -> r.cluster(cluster).taskDefinition(inactive)
                .containerInstances(instance))).isInstanceOf(ClientException.class)
                .hasMessageContaining("TaskDefinition is inactive");
        assertThatThrownBy(() -> ecs.createService(r -> r.cluster(cluster).serviceName("new")
                .taskDefinition(inactive).desiredCount(1))).isInstanceOf(ClientException.class)
                .hasMessageContaining("TaskDefinition is inactive");
        assertThatThrownBy(() -> ecs.updateService(r -> r.cluster(cluster).service("keeps")
                .taskDefinition(inactive))).isInstanceOf(ClientException.class)
                .hasMessageContaining("TaskDefinition is inactive");
        // A service keeps scaling whatever became of its revision.
        ecs.deregisterTaskDefinition(r -> r.taskDefinition(active));
        assertThat(ecs.updateService(r -> r.cluster(cluster).service("keeps").desiredCount(1)).service()
                .desiredCount()).isEqualTo(1);
    }

    @Test
    void placementFollowsAnInstanceStateChangeAtOnce() {
        String cluster = "ryw-draining";
        ecs.createCluster(r -> r.clusterName(cluster));
        String a = register(cluster, 1_000_000);
        String b = register(cluster, 1_000_000);
        List<String> misses = new ArrayList<>();
        for (int i = 0; i < TIMES; i++) {
            String draining = i % 2 == 0 ? a : b;
            String active = i % 2 == 0 ? b : a;
            ecs.updateContainerInstancesState(r -> r.cluster(cluster).containerInstances(draining)
                    .status(ContainerInstanceStatus.DRAINING));
            ecs.updateContainerInstancesState(r -> r.cluster(cluster).containerInstances(active)
                    .status(ContainerInstanceStatus.ACTIVE));
            RunTaskResponse run = runOne(cluster, "ryw-small");
            if (run.tasks().size() != 1 || !active.equals(run.tasks().get(0).containerInstanceArn())) {
                misses.add(i + ": " + run.failures() + " " + run.tasks().stream()
                        .map(t -> t.containerInstanceArn()).toList());
            }
        }
        assertThat(misses).isEmpty();
    }

    /**
     * The negative control: the same pair, with the read asked of its owner directly, as the gateway
     * would without the caller's pending positions (no {@code X-Berth-Await}). The count of instances
     * reaches the cluster-service over Kafka, after the write was answered, so some of these reads
     * must come too early; were none stale, the test above would prove nothing about the mechanism.
     */
    @Test
    void withoutThePendingPositionsTheSameReadsAreStale() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        int stale = 0;
        for (int i = 0; i < TIMES && stale == 0; i++) {
            String cluster = "ryw-control-" + i;
            ecs.createCluster(r -> r.clusterName(cluster));
            register(cluster, 1024);
            HttpResponse<String> described = http.send(HttpRequest.newBuilder(
                            URI.create("http://localhost:8081/ecs/DescribeClusters"))
                    .header("Content-Type", "application/json")
                    .header("X-Berth-Account", ACCOUNT).header("X-Berth-Region", "eu-west-1")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"clusters\":[\"" + cluster + "\"]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(described.statusCode()).as(described.body()).isEqualTo(200);
            if (!described.body().contains("\"registeredContainerInstancesCount\":1")) {
                stale++;
            }
        }
        assertThat(stale).as("reads of the count right after the write, without its positions").isPositive();
    }
}
