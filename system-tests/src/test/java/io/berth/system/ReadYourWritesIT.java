package io.berth.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
 *
 * <p>The {@value #TIMES} pairs of a test are made by {@value #CLIENTS} clients at once, each its own
 * {@value #TIMES} / {@value #CLIENTS} pairs back to back on clusters and families of its own, all of
 * one account, and the misses of all of them are counted (ADR 0033, amended session 22). That is at
 * least as strong as one client: each pair is still a write and, at once after its answer, the use;
 * meanwhile the other clients' writes keep the consumers busy and the account's pending positions
 * many, so a read that did not wait for its own write is likelier to be stale, not less.
 */
@ExtendWith(SharedStack.class)
class ReadYourWritesIT {

    static final int TIMES = 1000;
    static final int CLIENTS = 4;
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

    /** One client's part of a test: its number and its {@value #TIMES} / {@value #CLIENTS} pairs' numbers. */
    interface Client {
        void run(int client, int from, int to, Queue<String> misses) throws Exception;
    }

    /**
     * {@code client} run by {@value #CLIENTS} threads at once over {@value #TIMES} pairs between them; the misses
     * they collected, or the first failure of any of them (the others' failures added to it).
     */
    static List<String> concurrently(Client client) throws Exception {
        Queue<String> misses = new ConcurrentLinkedQueue<>();
        ExecutorService threads = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<Void>> clients = new ArrayList<>();
            int share = TIMES / CLIENTS;
            for (int c = 0; c < CLIENTS; c++) {
                int number = c;
                clients.add(threads.submit(() -> {
                    client.run(number, number * share, (number + 1) * share, misses);
                    return null;
                }));
            }
            Throwable failed = null;
            for (Future<Void> each : clients) {
                try {
                    each.get();
                } catch (ExecutionException e) {
                    if (failed == null) {
                        failed = e.getCause();
                    } else {
                        failed.addSuppressed(e.getCause());
                    }
                }
            }
            if (failed instanceof Error error) {
                throw error;
            }
            if (failed instanceof Exception exception) {
                throw exception;
            }
            return List.copyOf(misses);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aNewClusterTakesInstancesAtOnceAndANewInstanceTakesTasksAtOnce() throws Exception {
        assertThat(concurrently((client, from, to, misses) -> {
            for (int i = from; i < to; i++) {
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
        })).isEmpty();
    }

    @Test
    void aNewRevisionIsUsableAtOnceAndADeregisteredOneIsRefusedAtOnce() throws Exception {
        assertThat(concurrently((client, from, to, misses) -> {
            String cluster = "ryw-revisions-" + client;
            ecs.createCluster(r -> r.clusterName(cluster));
            String instance = register(cluster, 1_000_000);
            for (int i = from; i < to; i++) {
                String family = "ryw-family-" + client + "-" + (i % 10);
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
        })).isEmpty();
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
    void placementFollowsAnInstanceStateChangeAtOnce() throws Exception {
        assertThat(concurrently((client, from, to, misses) -> {
            String cluster = "ryw-draining-" + client;
            ecs.createCluster(r -> r.clusterName(cluster));
            String a = register(cluster, 1_000_000);
            String b = register(cluster, 1_000_000);
            for (int i = from; i < to; i++) {
                String draining = i % 2 == 0 ? a : b;
                String active = i % 2 == 0 ? b : a;
                ecs.updateContainerInstancesState(r -> r.cluster(cluster).containerInstances(draining)
                        .status(ContainerInstanceStatus.DRAINING));
                ecs.updateContainerInstancesState(r -> r.cluster(cluster).containerInstances(active)
                        .status(ContainerInstanceStatus.ACTIVE));
                RunTaskResponse run = runOne(cluster, "ryw-small");
                if (run.tasks().size() != 1 || !active.equals(run.tasks().get(0).containerInstanceArn())) {
                    misses.add(cluster + " " + i + ": " + run.failures() + " " + run.tasks().stream()
                            .map(t -> t.containerInstanceArn()).toList());
                }
            }
        })).isEmpty();
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
