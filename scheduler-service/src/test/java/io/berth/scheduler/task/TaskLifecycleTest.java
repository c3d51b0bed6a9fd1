package io.berth.scheduler.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;


import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.events.EventEnvelope;
import io.berth.events.EventJson;
import io.berth.events.SchedulerCommand.PlaceTasks;
import io.berth.events.Shapes.PlacementConstraint;
import io.berth.events.Shapes.PlacementStrategy;
import io.berth.events.Shapes.Tag;
import io.berth.events.TaskEvent.SchedulerCommandAnswered;
import io.berth.events.TaskEvent.TaskPlaced;
import io.berth.events.TaskEvent.TaskStopRequested;
import io.berth.events.Topics;
import io.berth.eventstore.Position;
import io.berth.scheduler.command.SchedulerCommands;
import io.berth.scheduler.ownership.PartitionOwnership;
import io.berth.scheduler.placement.InstanceRecord;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * RunTask, StartTask and StopTask as commands on the cluster's partition, through the real broker
 * and database; the tasks' lifecycle as agents report it; DescribeTasks and ListTasks.
 */
@QuarkusTest
class TaskLifecycleTest {

    SchedulerDriver driver = new SchedulerDriver();

    @Inject
    SchedulerCommands commands;

    @Inject
    PartitionOwnership ownership;

    @AfterEach
    void close() {
        driver.close();
    }

    private String instance(String id, int cpu, int memory, String zone) {
        String arn = driver.instance(id, cpu, memory, zone);
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> InstanceRecord.findById(arn) != null));
        return arn;
    }

    private JsonPath describe(List<String> tasks) {
        return JsonPath.from(describedBody(tasks));
    }

    private String describedBody(List<String> tasks) {
        return driver.ecs.ok("DescribeTasks", "{\"cluster\":\"" + driver.clusterName + "\",\"tasks\":"
                + json(tasks) + ",\"include\":[\"TAGS\"]}").extract().asString();
    }

    /** The commands as one poll of their partition brings them. */
    private static List<ConsumerRecord<String, EventEnvelope>> polled(int partition, EventEnvelope... commands) {
        List<ConsumerRecord<String, EventEnvelope>> records = new java.util.ArrayList<>();
        for (EventEnvelope command : commands) {
            records.add(new ConsumerRecord<>(Topics.SCHEDULER_COMMANDS, partition, records.size(),
                    command.payload().partitionKey(), command));
        }
        return records;
    }

    private static String json(List<String> items) {
        return items.stream().map(s -> "\"" + s + "\"").reduce((a, b) -> a + "," + b).map(s -> "[" + s + "]")
                .orElse("[]");
    }

    @Test
    void anEmptyClusterRefusesRunTaskWithTheEcsMessage() {
        SchedulerCommandAnswered answer = driver.send(driver.runTask(SchedulerDriver.definition("web", 256, null), 1,
                null, null));

        assertThat(answer.errorType()).isEqualTo("InvalidParameterException");
        assertThat(answer.errorMessage()).isEqualTo("No Container Instances were found in your cluster.");
        assertThat(answer.errorStatus()).isEqualTo(400);
        assertThat(answer.taskArns()).isEmpty();
        assertThat(answer.tasks()).isNull();
    }

    @Test
    void aCommandFollowingAWriteNotAppliedHereInTimeIsAnsweredRetryableAndDecidesNothing() {
        String a = instance("a1", 2048, 4096, "eu-west-1a");
        // An instance update the caller was told of that never reaches the scheduler.
        Position unseen = new Position(Topics.CONTAINER_INSTANCE_EVENTS, "agent-service", a, Long.MAX_VALUE / 2);

        SchedulerCommandAnswered answer = driver.send(driver.runTask(SchedulerDriver.definition("web", 256, null), 1,
                null, null), List.of(unseen));

        // Behind: shed as an overloaded ECS sheds a call, a 400 the SDKs retry with back-off, not a 5xx.
        assertThat(answer.errorType()).isEqualTo("ThrottlingException");
        assertThat(answer.errorStatus()).isEqualTo(400);
        assertThat(answer.errorMessage()).startsWith("Rate exceeded.").contains("Try again");
        assertThat(answer.taskArns()).isEmpty();
        driver.ecs.ok("ListTasks", "{\"cluster\":\"" + driver.clusterName + "\"}").body("taskArns", hasSize(0));
    }

    @Test
    void commandsQueuedBehindAWriteNotAppliedInTimeAreAllAnsweredWithinAboutOneWaitNotOneWaitEach() {
        String a = instance("a1", 4096, 8192, "eu-west-1a");
        Position unseen = new Position(Topics.CONTAINER_INSTANCE_EVENTS, "agent-service", a, Long.MAX_VALUE / 2);
        ObjectNode web = SchedulerDriver.definition("web", 128, null);
        // The first command holds the cluster's partition for the whole wait (5 s); the others, sent
        // at the same time through the broker, queue behind it, as under the `mixed` load.
        List<EventEnvelope> behind = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            behind.add(driver.envelope(driver.runTask(web, 1, null, null)));
        }
        EventEnvelope unhindered = driver.envelope(driver.runTask(web, 1, null, null));
        for (EventEnvelope command : behind) {
            driver.publish(command, List.of(unseen));
        }
        driver.publish(unhindered, List.of());

        // Each waited the whole bound from when the consumer took it, one after the other: 6 x 5 s.
        List<SchedulerCommandAnswered> answers = await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> driver.answersTo(behind), all -> all.size() == behind.size());
        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.errorType()).isEqualTo("ThrottlingException");
            assertThat(answer.errorStatus()).isEqualTo(400);
            assertThat(answer.taskArns()).isEmpty();
        });
        // The command with nothing pending in the same poll is decided as if it had come alone.
        assertThat(driver.answerTo(unhindered).taskArns()).hasSize(1);
        driver.ecs.ok("ListTasks", "{\"cluster\":\"" + driver.clusterName + "\"}").body("taskArns", hasSize(1));
    }

    /**
     * Whatever the tags hold (text beyond ASCII, quotes and escapes, an empty value, a character beyond the Basic
     * Multilingual Plane), each task the gateway reads from the answer is, member by member, the task a
     * DescribeTasks with its tags shows afterwards: the answer is built apart from DescribeTasks' answer (ADR 0036),
     * and ADR 0079 measured another way of building it.
     */
    @Test
    void theAnswersTasksAreTheTasksDescribeTasksShowsLater() throws Exception {
        instance("t1", 4096, 8192, "eu-west-1a");
        for (List<Tag> tags : List.of(
                List.of(new Tag("team", "caf\u00e9 \"quoted\" \\ back\\slash"), new Tag("empty", "")),
                List.of(new Tag("mood", "\ud83d\ude00"), new Tag("team", "ops")))) {
            ObjectNode definition = SchedulerDriver.definition("tagged", 256, null);
            SchedulerCommandAnswered answer = driver.send(new PlaceTasks(driver.clusterArn,
                    driver.ecs.arn("task-definition/tagged:1"), definition, 3, null, "ci-7", null, null, null,
                    List.of(), List.of(), null, tags, null, null));

            assertThat(answer.errorType()).isNull();
            assertThat(answer.tasks()).hasSize(3);
            JsonNode described = EventJson.mapper().readTree(describedBody(answer.taskArns())).path("tasks");
            assertThat(described).hasSize(3);
            for (int i = 0; i < 3; i++) {
                JsonNode carried = answer.tasks().get(i);
                JsonNode shown = described.get(i);
                assertThat(carried.path("taskArn").asText()).isEqualTo(answer.taskArns().get(i));
                assertThat(fieldNames(carried)).isEqualTo(fieldNames(shown));
                shown.fieldNames().forEachRemaining(field ->
                        assertThat(carried.get(field)).as(field).isEqualTo(shown.get(field)));
                assertThat(EventJson.mapper().convertValue(carried.path("tags"), Tag[].class))
                        .containsExactlyElementsOf(tags);
            }
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void runTaskPlacesEachTaskOnceAndRecordsItPending() throws Exception {
        String a = instance("a1", 2048, 4096, "eu-west-1a");
        String b = instance("b1", 2048, 4096, "eu-west-1b");

        SchedulerCommandAnswered answer = driver.send(driver.runTask(SchedulerDriver.definition("web", 512, null), 3,
                "ci-42", null));

        assertThat(answer.errorType()).isNull();
        assertThat(answer.errorStatus()).isNull();
        assertThat(answer.taskArns()).hasSize(3).doesNotHaveDuplicates()
                .allMatch(arn -> arn.startsWith(driver.ecs.arn("task/" + driver.clusterName + "/")));
        String described = describedBody(answer.taskArns());
        JsonPath tasks = JsonPath.from(described);
        // The answer carries the tasks exactly as DescribeTasks shows them, so the gateway reads nothing back.
        JsonNode carried = EventJson.mapper().valueToTree(answer.tasks());
        assertThat(carried).isEqualTo(EventJson.mapper().readTree(described).path("tasks"));
        assertThat(tasks.getList("tasks.lastStatus")).containsOnly("PENDING");
        assertThat(tasks.getList("tasks.desiredStatus")).containsOnly("RUNNING");
        assertThat(tasks.getList("tasks.group")).containsOnly("family:web");
        assertThat(tasks.getList("tasks.startedBy")).containsOnly("ci-42");
        assertThat(tasks.getList("tasks.memory")).containsOnly("512");
        assertThat(tasks.getList("tasks.containerInstanceArn", String.class)).allMatch(i -> i.equals(a) || i.equals(b));
        assertThat(tasks.getList("tasks.containers[0].name")).containsOnly("app");
        assertThat(tasks.getList("failures")).isEmpty();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<EventEnvelope> placed = driver.taskEvents(answer.taskArns().get(0));
            assertThat(placed).extracting(EventEnvelope::payload).hasOnlyElementsOfType(TaskPlaced.class).hasSize(1);
            // No strategy named, so random: both instances have room for all three, and the first draw is taken
            // (ADR 0078); the random strategy's score is that draw.
            TaskPlaced first = (TaskPlaced) placed.get(0).payload();
            assertThat(first.diagnostics().candidatesSeen()).isEqualTo(1);
            assertThat(first.diagnostics().rejectionsByReason()).isEmpty();
            assertThat(first.diagnostics().chosenScores()).containsExactly(1.0);
        });
    }

    @Test
    void whatDoesNotFitFailsWithTheResourceAndTheClosestInstance() {
        String a = instance("a1", 1024, 1024, "eu-west-1a");

        SchedulerCommandAnswered answer = driver.send(driver.runTask(SchedulerDriver.definition("big", 600, null), 2,
                null, null));

        assertThat(answer.taskArns()).hasSize(1);
        assertThat(answer.failures()).hasSize(1);
        assertThat(answer.failures().get(0).reason()).isEqualTo("RESOURCE:MEMORY");
        assertThat(answer.failures().get(0).arn()).isEqualTo(a);
        driver.ecs.get("/v1/clusters/" + driver.clusterName + "/tasks/"
                + answer.taskArns().get(0).substring(answer.taskArns().get(0).lastIndexOf('/') + 1) + "/placement")
                .statusCode(200).body("containerInstanceArn", equalTo(a))
                .body("diagnostics.candidatesSeen", equalTo(1));
        driver.ecs.get("/v1/clusters/" + driver.clusterName + "/capacity").statusCode(200)
                .body("instances[0].remainingMemory", equalTo(1024 - 600))
                .body("instances[0].tasks", equalTo(1));
        driver.ecs.get("/v1/placement-failures/" + driver.lastRequestId).statusCode(200)
                .body("placementFailures[0].count", equalTo(1))
                .body("placementFailures[0].diagnostics.rejectionsByReason.'RESOURCE:MEMORY'", equalTo(1))
                .body("placementFailures[0].diagnostics.closestInstanceArn", equalTo(a));
    }

    @Test
    void staticHostPortsAreNeverGivenTwiceOnOneInstance() {
        instance("a1", 4096, 8192, "eu-west-1a");
        instance("b1", 4096, 8192, "eu-west-1b");

        SchedulerCommandAnswered answer = driver.send(driver.runTask(SchedulerDriver.definition("port", 64, 80), 3,
                null, null));

        assertThat(answer.taskArns()).hasSize(2);
        assertThat(answer.failures()).extracting(f -> f.reason()).containsExactly("RESOURCE:PORTS");
        Set<Object> instances = new HashSet<>(describe(answer.taskArns()).getList("tasks.containerInstanceArn"));
        assertThat(instances).hasSize(2);
    }

    @Test
    void constraintsAndStrategiesDecide() {
        instance("a1", 4096, 8192, "eu-west-1a");
        String b = instance("b1", 4096, 8192, "eu-west-1b");

        SchedulerCommandAnswered answer = driver.send(driver.runTask(SchedulerDriver.definition("zoned", 64, null), 4,
                null, null, List.of(new PlacementConstraint("memberOf", "attribute:ecs.availability-zone == eu-west-1b")),
                List.of(new PlacementStrategy("binpack", "memory"))));
        assertThat(describe(answer.taskArns()).getList("tasks.containerInstanceArn")).hasSize(4).containsOnly(b);

        SchedulerCommandAnswered distinct = driver.send(driver.runTask(SchedulerDriver.definition("one-each", 64,
                null), 3, null, null, List.of(new PlacementConstraint("distinctInstance", null)), List.of()));
        assertThat(distinct.taskArns()).hasSize(2);
        assertThat(distinct.failures()).extracting(f -> f.reason())
                .containsExactly("DistinctInstance placement constraint unsatisfied.");

        SchedulerCommandAnswered broken = driver.send(driver.runTask(SchedulerDriver.definition("bad", 64, null), 1,
                null, null, List.of(new PlacementConstraint("memberOf", "attribute:ecs.instance-type =")), List.of()));
        assertThat(broken.errorType()).isEqualTo("InvalidParameterException");
    }

    @Test
    void startTaskRunsOnTheNamedInstancesAndReportsMissingOnes() {
        String a = instance("a1", 1024, 2048, "eu-west-1a");
        String unknown = driver.ecs.arn("container-instance/" + driver.clusterName + "/nope");

        SchedulerCommandAnswered answer = driver.send(driver.startTask(SchedulerDriver.definition("web", 128, null),
                List.of(a, unknown)));

        assertThat(answer.taskArns()).hasSize(1);
        assertThat(describe(answer.taskArns()).getString("tasks[0].containerInstanceArn")).isEqualTo(a);
        assertThat(answer.failures()).singleElement().satisfies(f -> {
            assertThat(f.arn()).isEqualTo(unknown);
            assertThat(f.reason()).isEqualTo("MISSING");
        });
    }

    @Test
    void aClientTokenReplaysItsTasksAndRefusesOtherParameters() {
        instance("a1", 2048, 4096, "eu-west-1a");
        PlaceTasks first = driver.runTask(SchedulerDriver.definition("web", 128, null), 2, null, "token-1");

        SchedulerCommandAnswered original = driver.send(first);
        SchedulerCommandAnswered replay = driver.send(first);
        SchedulerCommandAnswered other = driver.send(driver.runTask(SchedulerDriver.definition("web", 128, null), 3,
                null, "token-1"));

        assertThat(replay.taskArns()).isEqualTo(original.taskArns()).hasSize(2);
        assertThat(other.errorType()).isEqualTo("ConflictException");
        driver.ecs.ok("ListTasks", "{\"cluster\":\"" + driver.clusterName + "\"}").body("taskArns", hasSize(2));
    }

    @Test
    void aTaskMovesForwardAsItsAgentReportsAndReleasesItsResourcesWhenStopped() {
        String a = instance("a1", 1024, 1024, "eu-west-1a");
        String task = driver.send(driver.runTask(SchedulerDriver.definition("job", 1000, null), 1, null, null))
                .taskArns().get(0);
        assertThat(driver.send(driver.runTask(SchedulerDriver.definition("job", 1000, null), 1, null, null))
                .failures()).extracting(f -> f.reason()).containsExactly("RESOURCE:MEMORY");

        driver.report(task, a, 1, "RUNNING", null);
        await().atMost(Duration.ofSeconds(30)).until(() -> "RUNNING".equals(describe(List.of(task))
                .getString("tasks[0].lastStatus")));
        driver.report(task, a, 1, "PENDING", null);
        driver.report(task, a, 2, "STOPPED", 3);
        await().atMost(Duration.ofSeconds(30)).until(() -> "STOPPED".equals(describe(List.of(task))
                .getString("tasks[0].lastStatus")));

        JsonPath stopped = describe(List.of(task));
        assertThat(stopped.getString("tasks[0].desiredStatus")).isEqualTo("STOPPED");
        assertThat(stopped.getString("tasks[0].stopCode")).isEqualTo("EssentialContainerExited");
        assertThat(stopped.getInt("tasks[0].containers[0].exitCode")).isEqualTo(3);
        assertThat(stopped.getString("tasks[0].startedAt")).isNotNull();
        assertThat(stopped.getString("tasks[0].stoppedAt")).isNotNull();
        assertThat(stopped.getInt("tasks[0].version")).isEqualTo(3);
        driver.ecs.ok("ListTasks", "{\"cluster\":\"" + driver.clusterName + "\",\"desiredStatus\":\"STOPPED\"}")
                .body("taskArns", contains(task));
        driver.ecs.ok("ListTasks", "{\"cluster\":\"" + driver.clusterName + "\"}").body("taskArns", hasSize(0));
        assertThat(driver.send(driver.runTask(SchedulerDriver.definition("job", 1000, null), 1, null, null))
                .taskArns()).hasSize(1);
    }

    @Test
    void commandsDecidedTogetherEachTakeEffectOnceAndARefusalIsAnsweredOnItsOwn() {
        instance("a1", 4096, 8192, "eu-west-1a");
        EventEnvelope two = driver.envelope(driver.runTask(SchedulerDriver.definition("web", 256, null), 2, null,
                null));
        EventEnvelope refused = driver.envelope(driver.stopTask(driver.ecs.arn("task/" + driver.clusterName
                + "/0123456789abcdef0123456789abcdef"), null));
        EventEnvelope three = driver.envelope(driver.runTask(SchedulerDriver.definition("web", 256, null), 3, null,
                null));
        int partition = PartitionOwnership.partitionOf(driver.clusterArn);
        long epoch = await().atMost(Duration.ofSeconds(30)).until(() -> ownership.epochOf(partition),
                java.util.OptionalLong::isPresent).getAsLong();

        commands.handleAll(polled(partition, two, refused, three), partition, epoch);
        // Delivered again (a consumer restarted before committing its offsets): nothing happens twice.
        commands.handleAll(polled(partition, two, refused, three), partition, epoch);

        assertThat(driver.answerTo(two).taskArns()).hasSize(2);
        assertThat(driver.answerTo(refused).errorMessage()).isEqualTo("The referenced task was not found.");
        assertThat(driver.answerTo(three).taskArns()).hasSize(3);
        assertThat(driver.ecs.ok("ListTasks", "{\"cluster\":\"" + driver.clusterName + "\",\"desiredStatus\":"
                + "\"RUNNING\"}").extract().jsonPath().getList("taskArns")).hasSize(5);

        EventEnvelope four = driver.envelope(driver.runTask(SchedulerDriver.definition("web", 256, null), 4, null,
                null));
        EventEnvelope one = driver.envelope(driver.runTask(SchedulerDriver.definition("web", 256, null), 1, null,
                null));
        commands.handleAll(polled(partition, four, one), partition, epoch);

        assertThat(driver.answerTo(four).taskArns()).hasSize(4);
        assertThat(driver.answerTo(one).taskArns()).hasSize(1);
        assertThat(driver.ecs.ok("ListTasks", "{\"cluster\":\"" + driver.clusterName + "\",\"desiredStatus\":"
                + "\"RUNNING\"}").extract().jsonPath().getList("taskArns")).hasSize(10);
    }

    @Test
    void stopTaskSetsTheDesiredStatusWithUserInitiatedAndAsksTheAgent() {
        String a = instance("a1", 1024, 2048, "eu-west-1a");
        String task = driver.send(driver.runTask(SchedulerDriver.definition("web", 128, null), 1, null, null))
                .taskArns().get(0);

        SchedulerCommandAnswered stop = driver.send(driver.stopTask(task, "maintenance"));
        SchedulerCommandAnswered again = driver.send(driver.stopTask(task, "other"));
        SchedulerCommandAnswered missing = driver.send(driver.stopTask(task + "0", null));

        assertThat(stop.taskArns()).containsExactly(task);
        assertThat(again.taskArns()).containsExactly(task);
        assertThat(missing.errorType()).isEqualTo("InvalidParameterException");
        JsonPath described = describe(List.of(task));
        assertThat(described.getString("tasks[0].desiredStatus")).isEqualTo("STOPPED");
        assertThat(described.getString("tasks[0].stopCode")).isEqualTo("UserInitiated");
        assertThat(described.getString("tasks[0].stoppedReason")).isEqualTo("maintenance");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(driver.taskEvents(task))
                .extracting(EventEnvelope::payload).filteredOn(TaskStopRequested.class::isInstance).singleElement()
                .satisfies(e -> assertThat(((TaskStopRequested) e).containerInstanceArn()).isEqualTo(a)));
    }

    @Test
    void tasksAreTaggedAndUntaggedThroughTheirClustersScheduler() {
        instance("a1", 1024, 2048, "eu-west-1a");
        String task = driver.send(driver.runTask(SchedulerDriver.definition("web", 128, null), 1, null, null))
                .taskArns().get(0);

        assertThat(driver.send(new io.berth.events.SchedulerCommand.TagResource(driver.clusterArn, task,
                List.of(new io.berth.events.Shapes.Tag("team", "a"), new io.berth.events.Shapes.Tag("env", "dev")),
                null)).errorType()).isNull();
        assertThat(driver.send(new io.berth.events.SchedulerCommand.TagResource(driver.clusterArn, task, null,
                List.of("env"))).errorType()).isNull();
        assertThat(driver.send(new io.berth.events.SchedulerCommand.TagResource(driver.clusterArn, task + "0",
                List.of(), null)).errorType()).isEqualTo("ResourceNotFoundException");

        driver.ecs.ok("ListTagsForResource", "{\"resourceArn\":\"" + task + "\"}")
                .body("tags.key", contains("team"));
        assertThat(describe(List.of(task)).getList("tasks[0].tags.key")).containsExactly("team");
    }

    @Test
    void describeAndListAnswerAsEcs() {
        instance("a1", 2048, 4096, "eu-west-1a");
        List<String> tasks = driver.send(driver.runTask(SchedulerDriver.definition("api", 128, null), 2, "deploy-1",
                null)).taskArns();
        driver.send(driver.runTask(SchedulerDriver.definition("batch", 128, null), 1, null, null));
        String cluster = "\"cluster\":\"" + driver.clusterName + "\"";

        driver.ecs.ok("DescribeTasks", "{" + cluster + ",\"tasks\":[\"" + tasks.get(0).substring(
                tasks.get(0).lastIndexOf('/') + 1) + "\",\"0000\"]}")
                .body("tasks[0].taskArn", equalTo(tasks.get(0)))
                .body("tasks[0].tags", org.hamcrest.Matchers.nullValue())
                .body("failures[0].reason", equalTo("MISSING"))
                .body("failures[0].arn", equalTo(driver.ecs.arn("task/" + driver.clusterName + "/0000")));
        driver.ecs.ok("ListTasks", "{" + cluster + ",\"family\":\"api\"}").body("taskArns", hasSize(2));
        driver.ecs.ok("ListTasks", "{" + cluster + ",\"startedBy\":\"deploy-1\"}").body("taskArns", hasSize(2));
        driver.ecs.ok("ListTasks", "{" + cluster + ",\"maxResults\":2}").body("taskArns", hasSize(2))
                .body("nextToken", notNullValue());
        driver.ecs.ok("ListTasks", "{" + cluster + ",\"desiredStatus\":\"PENDING\"}").body("taskArns", hasSize(0));
        driver.ecs.error("ListTasks", "{" + cluster + ",\"startedBy\":\"x\",\"family\":\"api\"}",
                "InvalidParameterException");
        driver.ecs.error("ListTasks", "{" + cluster + ",\"desiredStatus\":\"RUN\"}", "InvalidParameterException");
        driver.ecs.error("DescribeTasks", "{" + cluster + "}", "InvalidParameterException");
        driver.ecs.error("DescribeTasks", "{" + cluster + ",\"tasks\":[\"x\"],\"include\":[\"NOPE\"]}",
                "InvalidParameterException");
    }
}
