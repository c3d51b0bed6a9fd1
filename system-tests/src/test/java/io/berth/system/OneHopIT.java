package io.berth.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.Resource;
import software.amazon.awssdk.services.ecs.model.RunTaskResponse;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * One synchronous hop per request (issue 21, ADR 0036), counted by the owners' own request meters
 * on {@code /q/metrics}: RunTask asks the cluster-service nothing (the gateway's catalog knows the
 * cluster and the task definition) and the scheduler no DescribeTasks (its reply carries the tasks);
 * DescribeTasks and ListTasks are one call to the scheduler each.
 */
@ExtendWith(SharedStack.class)
class OneHopIT {

    static final String ACCOUNT = "123456789036";
    static final int CALLS = 20;

    /** The calls of {@code operation} the service on {@code port} answered so far, whatever their status. */
    static double answered(int port, String operation) throws Exception {
        return MetricsIT.samples(MetricsIT.scrape(port), "berth_api_requests_seconds_count", "api=\"ecs\"",
                "operation=\"" + operation + "\"").stream()
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void runTaskAndTheTaskReadsTakeOneCallToOneOwner() throws Exception {
        try (EcsClient ecs = EcsClient.builder().endpointOverride(URI.create("http://localhost:8080"))
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCOUNT, "secret")))
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            String cluster = "one-hop";
            ecs.createCluster(r -> r.clusterName(cluster));
            ecs.registerTaskDefinition(r -> r.family("one-hop").containerDefinitions(ContainerDefinition.builder()
                    .name("main").image("busybox").cpu(1).memory(6).build()));
            ecs.registerContainerInstance(r -> r.cluster(cluster).totalResources(
                    Resource.builder().name("CPU").type("INTEGER").integerValue(1_000_000).build(),
                    Resource.builder().name("MEMORY").type("INTEGER").integerValue(1_000_000).build()));

            double describeClusters = answered(8081, "DescribeClusters");
            double describeTaskDefinition = answered(8081, "DescribeTaskDefinition");
            double describeTasks = answered(8082, "DescribeTasks");
            double listTasks = answered(8082, "ListTasks");
            for (int i = 0; i < CALLS; i++) {
                RunTaskResponse run = ecs.runTask(r -> r.cluster(cluster).taskDefinition("one-hop").count(2));
                assertThat(run.failures()).isEmpty();
                List<String> arns = run.tasks().stream().map(Task::taskArn).toList();
                List<Task> described = ecs.describeTasks(r -> r.cluster(cluster).tasks(arns)).tasks();
                // What RunTask answered from the scheduler's reply is what DescribeTasks shows.
                assertThat(run.tasks()).extracting(Task::taskArn, Task::taskDefinitionArn, Task::containerInstanceArn,
                        Task::createdAt).containsExactlyElementsOf(described.stream().map(t -> tuple(t.taskArn(),
                        t.taskDefinitionArn(), t.containerInstanceArn(), t.createdAt())).toList());
                assertThat(ecs.listTasks(r -> r.cluster(cluster).maxResults(100)).taskArns()).containsAll(arns);
            }

            assertThat(answered(8081, "DescribeClusters")).as("DescribeClusters at the cluster-service")
                    .isEqualTo(describeClusters);
            assertThat(answered(8081, "DescribeTaskDefinition")).as("DescribeTaskDefinition at the cluster-service")
                    .isEqualTo(describeTaskDefinition);
            assertThat(answered(8082, "DescribeTasks")).as("DescribeTasks at the scheduler: the client's only")
                    .isEqualTo(describeTasks + CALLS);
            assertThat(answered(8082, "ListTasks")).as("ListTasks at the scheduler").isEqualTo(listTasks + CALLS);
        }
    }
}
