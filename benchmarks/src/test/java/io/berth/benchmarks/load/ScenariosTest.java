package io.berth.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ScenariosTest {

    private static final ScenarioSettings SETTINGS = new ScenarioSettings("c1", "eu-west-1", 3, 0.2, 7);
    private static final String TASK_ARN = "arn:aws:ecs:eu-west-1:000000000000:task/c1/0123456789abcdef0123456789abcdef";

    private final List<EcsRequest> sent = new ArrayList<>();

    /** Answers every step with 200, RunTask with one task. */
    private final Setup setup = new Setup(request -> {
        sent.add(request);
        return CompletableFuture.completedFuture(new EcsResponse(200, request.operation().equals("RunTask")
                ? "{\"tasks\":[{\"taskArn\":\"" + TASK_ARN + "\"}],\"failures\":[]}"
                : "{}"));
    });

    @Test
    void theSetupCreatesTheClusterTheFamilyAndInstancesWithCpuAndMemory() {
        Scenarios.create("runtask", SETTINGS).setUp(setup);

        assertThat(sent).extracting(EcsRequest::operation).containsExactly("CreateCluster", "RegisterTaskDefinition",
                "RegisterContainerInstance", "RegisterContainerInstance", "RegisterContainerInstance");
        assertThat(body(sent.get(0)).path("clusterName").asText()).isEqualTo("c1");
        JsonNode container = body(sent.get(1)).path("containerDefinitions").get(0);
        assertThat(container.path("cpu").asInt()).isEqualTo(EcsRequests.TASK_CPU);
        assertThat(container.path("memory").asInt()).isEqualTo(EcsRequests.TASK_MEMORY);
        JsonNode instance = body(sent.get(3));
        assertThat(instance.path("cluster").asText()).isEqualTo("c1");
        assertThat(instance.path("totalResources").findValuesAsText("name")).contains("CPU", "MEMORY");
        assertThat(instance.path("totalResources").get(0).path("integerValue").asInt()).isEqualTo(EcsRequests.INSTANCE_CPU);
        JsonNode identity = json(instance.path("instanceIdentityDocument").asText());
        assertThat(identity.path("availabilityZone").asText()).isEqualTo("eu-west-1b");
    }

    @Test
    void anEndpointThatKnowsOnlyItsOwnEc2InstancesGetsInstancesLaunchedFirst() {
        List<String> registered = new ArrayList<>();
        Setup motoLike = new Setup(request -> {
            if (request.operation().equals("RegisterContainerInstance")) {
                String id = json(body(request).path("instanceIdentityDocument").asText()).path("instanceId").asText();
                if (!id.startsWith("i-ec2")) {
                    return CompletableFuture.completedFuture(new EcsResponse(400,
                            "{\"__type\":\"InvalidInstanceID.NotFound\",\"Message\":\"no\"}"));
                }
                registered.add(id);
            }
            return CompletableFuture.completedFuture(new EcsResponse(200, "{}"));
        }, (count, type) -> Stream.iterate(0, i -> i + 1).limit(count).map(i -> "i-ec2-" + i + "-" + type).toList());

        Scenarios.create("runtask", SETTINGS).setUp(motoLike);

        assertThat(registered).containsExactly("i-ec2-0-m5.16xlarge", "i-ec2-1-m5.16xlarge", "i-ec2-2-m5.16xlarge");
    }

    @Test
    void runTaskAsksForBurstsOfTen() {
        EcsRequest request = Scenarios.create("runtask", SETTINGS).next();

        assertThat(request.operation()).isEqualTo("RunTask");
        assertThat(body(request).path("cluster").asText()).isEqualTo("c1");
        assertThat(body(request).path("taskDefinition").asText()).isEqualTo(Fleet.FAMILY);
        assertThat(body(request).path("count").asInt()).isEqualTo(10);
    }

    @Test
    void readsMixFourOperationsInRoughlyEqualSharesAndDescribeTheTasksTheSetupStarted() {
        Scenario reads = Scenarios.create("reads", SETTINGS);
        reads.setUp(setup);
        List<EcsRequest> requests = Stream.generate(reads::next).limit(4000).toList();

        assertThat(counts(requests)).containsOnlyKeys("DescribeClusters", "ListTasks", "DescribeTasks",
                "ListContainerInstances").allSatisfy((operation, count) -> assertThat(count).isBetween(900L, 1100L));
        assertThat(requests).filteredOn(r -> r.operation().equals("DescribeTasks"))
                .allSatisfy(r -> assertThat(body(r).path("tasks").get(0).asText()).isEqualTo(TASK_ARN));
    }

    @Test
    void readsDescribeAnUnknownTaskWhenTheServerCannotRunTasks() {
        Scenario reads = Scenarios.create("reads", SETTINGS);
        reads.setUp(new Setup(request -> CompletableFuture.completedFuture(request.operation().equals("RunTask")
                ? new EcsResponse(400, "{\"__type\":\"UnsupportedFeatureException\"}")
                : new EcsResponse(200, "{}"))));

        EcsRequest describe = Stream.generate(reads::next).filter(r -> r.operation().equals("DescribeTasks"))
                .findFirst().orElseThrow();

        assertThat(body(describe).path("tasks").get(0).asText()).isEqualTo(ReadsScenario.UNKNOWN_TASK);
    }

    @Test
    void theSameSeedGivesTheSameSequence() {
        Supplier<List<String>> sequence = () -> {
            Scenario mixed = Scenarios.create("mixed", SETTINGS);
            return Stream.generate(mixed::next).limit(200).map(EcsRequest::operation).toList();
        };

        assertThat(sequence.get()).isEqualTo(sequence.get());
    }

    @Test
    void mixedSendsTheWriteRatioOfMutationsInTurn() {
        Scenario mixed = Scenarios.create("mixed", SETTINGS);
        List<EcsRequest> requests = Stream.generate(mixed::next).limit(5000).toList();
        List<String> writes = requests.stream().map(EcsRequest::operation)
                .filter(List.of("RunTask", "RegisterTaskDefinition", "UpdateClusterSettings")::contains).toList();

        assertThat(writes.size()).isBetween(900, 1100);
        assertThat(writes.subList(0, 6)).containsExactly("RunTask", "RegisterTaskDefinition", "UpdateClusterSettings",
                "RunTask", "RegisterTaskDefinition", "UpdateClusterSettings");
        assertThat(requests).filteredOn(r -> r.operation().equals("RunTask"))
                .allSatisfy(r -> assertThat(body(r).path("count").asInt()).isEqualTo(1));
        assertThat(requests).filteredOn(r -> r.operation().equals("UpdateClusterSettings")).extracting(
                r -> body(r).path("settings").get(0).path("value").asText()).startsWith("enabled", "disabled");
    }

    @Test
    void mixedWithoutWritesOnlyReads() {
        Scenario mixed = Scenarios.create("mixed", new ScenarioSettings("c1", "eu-west-1", 3, 0, 7));

        assertThat(Stream.generate(mixed::next).limit(1000).map(EcsRequest::operation))
                .containsOnly("DescribeClusters", "ListTasks", "DescribeTasks", "ListContainerInstances");
    }

    @Test
    void servicesAreCreatedThenRampedUpTenAtATime() {
        Scenario services = Scenarios.create("create-update-service", SETTINGS);
        List<EcsRequest> requests = Stream.generate(services::next).limit(70).toList();

        for (int service = 0; service < 10; service++) {
            EcsRequest create = requests.get(service);
            assertThat(create.operation()).isEqualTo("CreateService");
            assertThat(body(create).path("serviceName").asText()).isEqualTo("berth-load-" + service);
            assertThat(body(create).path("desiredCount").asInt()).isZero();
            for (int step = 1; step <= ServiceRampScenario.RAMP; step++) {
                EcsRequest update = requests.get(step * ServiceRampScenario.WINDOW + service);
                assertThat(update.operation()).isEqualTo("UpdateService");
                assertThat(body(update).path("service").asText()).isEqualTo("berth-load-" + service);
                assertThat(body(update).path("desiredCount").asInt()).isEqualTo(step);
            }
        }
        assertThat(requests.subList(60, 70)).allSatisfy(r -> assertThat(r.operation()).isEqualTo("CreateService"));
        assertThat(body(requests.get(60)).path("serviceName").asText()).isEqualTo("berth-load-10");
    }

    @Test
    void aRequiredStepThatFailsEndsTheSetupWithTheServersError() {
        Setup refusing = new Setup(request -> CompletableFuture.completedFuture(
                new EcsResponse(400, "{\"__type\":\"InvalidParameterException\",\"message\":\"bad name\"}")));

        assertThatThrownBy(() -> Scenarios.create("runtask", SETTINGS).setUp(refusing))
                .hasMessageContaining("CreateCluster")
                .hasMessageContaining("InvalidParameterException");
    }

    @Test
    void unknownScenariosAreRefusedWithTheChoices() {
        assertThat(Scenarios.names()).containsExactly("create-update-service", "mixed", "reads", "runtask");
        assertThatThrownBy(() -> Scenarios.create("writes", SETTINGS)).hasMessageContaining("runtask");
    }

    private static JsonNode body(EcsRequest request) {
        return json(request.body());
    }

    private static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    private static Map<String, Long> counts(List<EcsRequest> requests) {
        return requests.stream().collect(Collectors.groupingBy(EcsRequest::operation, Collectors.counting()));
    }
}
