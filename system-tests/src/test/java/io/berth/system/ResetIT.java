package io.berth.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.RunTaskResponse;

/**
 * {@code POST /v1/reset} (issue 14 item 11, ADR 0034): two accounts fill the stack through the SDKs
 * and the AWS CLI (clusters, instances with their hosted agents, task definitions, tasks, services,
 * scaling targets, ECR repositories, log groups); a reset of one empties it and leaves the other, the
 * same names work again at once, and a reset of everything empties both. It empties the shared stack,
 * so it runs after every other class that uses it.
 */
@ExtendWith(SharedStack.class)
@Order(Integer.MAX_VALUE)
class ResetIT {

    static final String RESET = "111122223333";
    static final String KEPT = "444455556666";
    static final String CLUSTER = "reset-demo";
    static final String SERVICE = "reset-web";

    /** One account's clients, as a test suite of that account would hold them. */
    record Account(String id, EcsClient ecs, EcrClient ecr, ApplicationAutoScalingClient aas) {

        static Account of(String id) {
            var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(id, "secret"));
            URI endpoint = URI.create("http://localhost:8080");
            return new Account(id, EcsSdkIT.client(id, Region.EU_WEST_1),
                    EcrClient.builder().endpointOverride(endpoint).region(Region.EU_WEST_1)
                            .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build(),
                    ApplicationAutoScalingClient.builder().endpointOverride(endpoint).region(Region.EU_WEST_1)
                            .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build());
        }

        /** Everything a suite creates, and a task and a service running on two hosted instances. */
        void fill() throws IOException, InterruptedException {
            ecs.createCluster(r -> r.clusterName(CLUSTER));
            TasksSdkIT.rest(id, "/v1/clusters/" + CLUSTER + "/fleet", "{\"instanceType\":\"m5.large\",\"count\":2}");
            ecs.registerTaskDefinition(r -> r.family(SERVICE).containerDefinitions(ContainerDefinition.builder()
                    .name("main").image("busybox").memory(64).command("sleep", "3600").build()));
            RunTaskResponse run = ecs.runTask(r -> r.cluster(CLUSTER).taskDefinition(SERVICE));
            assertThat(run.failures()).isEmpty();
            assertThat(run.tasks()).hasSize(1);
            ecs.createService(r -> r.cluster(CLUSTER).serviceName(SERVICE).taskDefinition(SERVICE).desiredCount(1));
            await().atMost(Duration.ofSeconds(60)).until(() -> ecs.describeServices(r -> r.cluster(CLUSTER)
                    .services(SERVICE)).services().get(0).runningCount() == 1);
            aas.registerScalableTarget(r -> r.serviceNamespace(ServiceNamespace.ECS).resourceId(resourceId())
                    .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).minCapacity(1).maxCapacity(3));
            ecr.createRepository(r -> r.repositoryName("reset/web"));
            AwsCliIT.Run logGroup = AwsCliIT.awsAs(id, "eu-west-1", "logs", "create-log-group", "--log-group-name",
                    "/ecs/" + SERVICE);
            assertThat(logGroup.exit()).as(logGroup.err()).isZero();
        }

        void assertFull() throws IOException, InterruptedException {
            assertThat(ecs.listClusters().clusterArns()).hasSize(1);
            assertThat(ecs.listContainerInstances(r -> r.cluster(CLUSTER)).containerInstanceArns()).hasSize(2);
            assertThat(ecs.listTaskDefinitions().taskDefinitionArns()).hasSize(1);
            assertThat(ecs.listServices(r -> r.cluster(CLUSTER)).serviceArns()).hasSize(1);
            assertThat(ecs.listTasks(r -> r.cluster(CLUSTER)).taskArns()).hasSize(2);
            assertThat(targets()).hasSize(1);
            assertThat(ecr.describeRepositories().repositories()).hasSize(1);
            assertThat(logGroups()).isEqualTo(1);
        }

        /** Every List and Describe answers nothing, and nothing is left inside the cluster's name either. */
        void assertEmpty() throws IOException, InterruptedException {
            assertThat(ecs.listClusters().clusterArns()).isEmpty();
            assertThat(ecs.describeClusters(r -> r.clusters(CLUSTER)).failures()).singleElement()
                    .satisfies(f -> assertThat(f.reason()).isEqualTo("MISSING"));
            assertThatThrownBy(() -> ecs.listContainerInstances(r -> r.cluster(CLUSTER)))
                    .isInstanceOf(ClusterNotFoundException.class);
            assertThatThrownBy(() -> ecs.listTasks(r -> r.cluster(CLUSTER))).isInstanceOf(ClusterNotFoundException.class);
            assertThat(ecs.listTaskDefinitions().taskDefinitionArns()).isEmpty();
            assertThat(ecs.listTaskDefinitionFamilies().families()).isEmpty();
            assertThat(targets()).isEmpty();
            assertThat(aas.describeScalingActivities(r -> r.serviceNamespace(ServiceNamespace.ECS))
                    .scalingActivities()).isEmpty();
            assertThat(ecr.describeRepositories().repositories()).isEmpty();
            assertThat(logGroups()).isZero();
            // A cluster of the same name starts empty: no instance, task or service of before comes back.
            ecs.createCluster(r -> r.clusterName(CLUSTER));
            assertThat(ecs.listContainerInstances(r -> r.cluster(CLUSTER)).containerInstanceArns()).isEmpty();
            assertThat(ecs.listTasks(r -> r.cluster(CLUSTER)).taskArns()).isEmpty();
            assertThat(ecs.listServices(r -> r.cluster(CLUSTER)).serviceArns()).isEmpty();
            assertThat(ecs.describeClusters(r -> r.clusters(CLUSTER)).clusters()).singleElement().satisfies(c -> {
                assertThat(c.registeredContainerInstancesCount()).isZero();
                assertThat(c.runningTasksCount()).isZero();
                assertThat(c.activeServicesCount()).isZero();
            });
            ecs.deleteCluster(r -> r.cluster(CLUSTER));
        }

        List<?> targets() {
            return aas.describeScalableTargets(r -> r.serviceNamespace(ServiceNamespace.ECS)).scalableTargets();
        }

        int logGroups() throws IOException, InterruptedException {
            AwsCliIT.Run groups = AwsCliIT.awsAs(id, "eu-west-1", "logs", "describe-log-groups");
            assertThat(groups.exit()).as(groups.err()).isZero();
            return groups.json().path("logGroups").size();
        }

        static String resourceId() {
            return "service/" + CLUSTER + "/" + SERVICE;
        }
    }

    static HttpResponse<String> reset(String query) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:8080/v1/reset"
                + query)).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void oneAccountThenEverythingIsEmptiedAndTheSameNamesWorkAgain() throws Exception {
        Account reset = Account.of(RESET);
        Account kept = Account.of(KEPT);
        reset.fill();
        kept.fill();

        HttpResponse<String> one = reset("?account=" + RESET);
        assertThat(one.statusCode()).as(one.body()).isEqualTo(200);
        reset.assertEmpty();
        kept.assertFull();

        // The same names at once, and they work: instances register, RunTask places, the service runs.
        reset.fill();
        reset.assertFull();

        HttpResponse<String> everything = reset("");
        assertThat(everything.statusCode()).as(everything.body()).isEqualTo(200);
        reset.assertEmpty();
        kept.assertEmpty();
        kept.fill();
        kept.assertFull();
    }

    @Test
    void anAccountThatIsNoAccountIdIsRefusedAndChangesNothing() throws Exception {
        HttpResponse<String> refused = reset("?account=12345");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("InvalidParameterException").contains("account");
    }
}
