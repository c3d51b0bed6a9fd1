package io.berth.scheduler.task;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.events.EventJson;
import io.berth.events.Shapes.ContainerState;
import io.berth.events.Shapes.NetworkBinding;
import io.berth.events.Shapes.PlacementDiagnostics;
import io.berth.events.Shapes.Tag;
import io.berth.events.TaskEvent;
import io.berth.events.TaskEvent.TaskAwaitingCapacity;
import io.berth.events.TaskEvent.TaskImported;
import io.berth.events.TaskEvent.TaskPlaced;
import io.berth.events.TaskEvent.TaskStateChanged;
import io.berth.events.TaskEvent.TaskStopRequested;
import io.berth.events.TaskEvent.TaskTagsChanged;
import io.berth.events.TaskStateEvent.TaskStateReported;
import io.berth.testsupport.DeciderSpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The task aggregate: given its events, when a command, then the events it decides (or the ECS refusal). */
class TaskDeciderTest {

    static final String ACCOUNT = "arn:aws:ecs:eu-west-1:123456789012:";
    static final String CLUSTER = ACCOUNT + "cluster/prod";
    static final String TASK = ACCOUNT + "task/prod/0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c";
    static final String INSTANCE = ACCOUNT + "container-instance/prod/4b6d45ea";
    static final Instant T0 = Instant.parse("2026-12-05T10:00:00.123Z");
    static final TaskPlaced PLACED = placed();

    final TaskDecider decider = new TaskDecider();

    static TaskPlaced placed() {
        ObjectNode definition = SchedulerDriver.definition("web", 256, 8080);
        definition.withArray("containerDefinitions").addObject().put("name", "sidecar").put("image", "busybox")
                .put("memoryReservation", 32);
        return new TaskPlaced(CLUSTER, TASK, ACCOUNT + "task-definition/web:1", INSTANCE, "family:web", "ci", "EC2",
                null, 128, 288, List.of(new NetworkBinding("0.0.0.0", 8080, 8080, "tcp"),
                        new NetworkBinding("0.0.0.0", 53, 32768, "udp")), definition, null,
                List.of(new Tag("team", "a")), new PlacementDiagnostics(2, Map.of(), null, List.of(1.0)),
                "eu-west-1a", T0);
    }

    static TaskStateReported report(long version, String status, Integer exitCode, Instant at) {
        return new TaskStateReported(CLUSTER, TASK, INSTANCE, version, status,
                List.of(new ContainerState("app", status, exitCode, null,
                        "RUNNING".equals(status) ? List.of(new NetworkBinding("0.0.0.0", 8080, 8080, "tcp")) : null)),
                "STOPPED".equals(status) ? "EssentialContainerExited" : null,
                "STOPPED".equals(status) ? "Essential container in task exited" : null, at, at,
                "RUNNING".equals(status) ? at : null, "STOPPED".equals(status) ? at : null);
    }

    @Test
    void aPlacedTaskIsPendingWithAContainerPerDefinitionAndWhatItReserves() {
        TaskState state = DeciderSpec.of(decider).when(new TaskCommand.Place(PLACED)).then(PLACED);

        Task task = state.task();
        assertThat(task.lastStatus()).isEqualTo("PENDING");
        assertThat(task.desiredStatus()).isEqualTo("RUNNING");
        assertThat(task.createdAt()).isEqualTo(T0);
        assertThat(task.availabilityZone()).isEqualTo("eu-west-1a");
        assertThat(task.version()).isEqualTo(1);
        assertThat(task.containers()).extracting(Task.Container::name, Task.Container::memory,
                Task.Container::memoryReservation).containsExactly(
                        org.assertj.core.api.Assertions.tuple("app", "256", null),
                        org.assertj.core.api.Assertions.tuple("sidecar", null, "32"));
        assertThat(state.reservation().tcpPorts()).containsExactly(8080);
        assertThat(state.reservation().udpPorts()).containsExactly(32768);
        assertThat(state.family()).isEqualTo("web");
        assertThat(state.tags()).containsExactly(new Tag("team", "a"));
    }

    @Test
    void aReportMovesTheTaskForwardOnceAndAnOlderOrBackwardOneChangesNothing() {
        Instant running = T0.plusSeconds(5).plusNanos(456_789);
        TaskState state = DeciderSpec.of(decider).given(PLACED)
                .when(new TaskCommand.Report(report(1, "RUNNING", null, running), running))
                .then(new TaskStateChanged(CLUSTER, TASK, INSTANCE, 1, "RUNNING", "RUNNING", "UNKNOWN", "CONNECTED",
                        List.of(new ContainerState("app", "RUNNING", null, null,
                                        List.of(new NetworkBinding("0.0.0.0", 8080, 8080, "tcp")), "UNKNOWN", null),
                                new ContainerState("sidecar", "PENDING", null, null, null, "UNKNOWN", null)),
                        null, null, TaskDecider.millis(running), TaskDecider.millis(running),
                        TaskDecider.millis(running), null, null, null));

        assertThat(state.task().version()).isEqualTo(2);
        assertThat(state.reportVersion()).isEqualTo(1);
        TaskEvent changed = decider.decide(new TaskCommand.Report(report(1, "RUNNING", null, running), running),
                decider.evolve(null, PLACED)).get(0);
        DeciderSpec.of(decider).given(PLACED, changed)
                .when(new TaskCommand.Report(report(1, "RUNNING", null, running), running)).then();
        DeciderSpec.of(decider).given(PLACED, changed)
                .when(new TaskCommand.Report(report(2, "PENDING", null, running), running)).then();
    }

    @Test
    void aHealthChangeAloneIsAChangeAndTheFoldedTaskShowsTheHealthAndTheEngineId() {
        Instant running = T0.plusSeconds(5);
        TaskEvent started = decider.decide(new TaskCommand.Report(report(1, "RUNNING", null, running), running),
                decider.evolve(null, PLACED)).get(0);
        TaskStateReported unhealthy = new TaskStateReported(CLUSTER, TASK, INSTANCE, 2, "RUNNING",
                List.of(new ContainerState("app", "RUNNING", null, null, null, "UNHEALTHY", "c0ffee")), null, null,
                null, null, null, null, "UNHEALTHY");

        List<TaskEvent> events = DeciderSpec.of(decider).given(PLACED, started)
                .when(new TaskCommand.Report(unhealthy, running.plusSeconds(30))).events();
        TaskState after = events.stream().reduce(decider.evolve(decider.evolve(null, PLACED), started),
                decider::evolve, (a, b) -> b);

        assertThat(events).hasSize(1);
        assertThat(after.task().healthStatus()).isEqualTo("UNHEALTHY");
        assertThat(after.task().containers().get(0).healthStatus()).isEqualTo("UNHEALTHY");
        assertThat(after.task().containers().get(0).runtimeId()).isEqualTo("c0ffee");
        assertThat(after.task().containers().get(0).networkBindings())
                .containsExactly(new NetworkBinding("0.0.0.0", 8080, 8080, "tcp"));
        assertThat(after.task().containers().get(1).healthStatus()).isEqualTo("UNKNOWN");
        DeciderSpec.of(decider).given(PLACED, started, events.get(0))
                .when(new TaskCommand.Report(new TaskStateReported(CLUSTER, TASK, INSTANCE, 3, "RUNNING",
                        List.of(new ContainerState("app", "RUNNING", null, null, null)), null, null, null, null, null,
                        null), running.plusSeconds(40)))
                .then();
    }

    @Test
    void aStoppedReportStopsTheTaskWithTheAgentsCodeUnlessAStopRequestGaveOne() {
        Instant stop = T0.plusSeconds(9);
        TaskState exited = DeciderSpec.of(decider).given(PLACED)
                .when(new TaskCommand.Report(report(2, "STOPPED", 3, stop), stop)).events().stream()
                .reduce(decider.evolve(null, PLACED), decider::evolve, (a, b) -> b);
        assertThat(exited.task().desiredStatus()).isEqualTo("STOPPED");
        assertThat(exited.task().stopCode()).isEqualTo("EssentialContainerExited");
        assertThat(exited.task().stoppingAt()).isEqualTo(stop);
        assertThat(exited.task().stoppedAt()).isEqualTo(stop);
        assertThat(exited.task().connectivity()).isEqualTo("DISCONNECTED");
        assertThat(exited.task().containers().get(0).exitCode()).isEqualTo(3);
        assertThat(exited.task().isStopped()).isTrue();

        TaskStopRequested requested = new TaskStopRequested(CLUSTER, TASK, INSTANCE, "UserInitiated", "done", T0);
        TaskState asked = DeciderSpec.of(decider).given(PLACED, requested)
                .when(new TaskCommand.Report(report(2, "STOPPED", 0, stop), stop)).events().stream()
                .reduce(decider.fold(null, List.of(PLACED, requested)), decider::evolve, (a, b) -> b);
        assertThat(asked.task().stopCode()).isEqualTo("UserInitiated");
        assertThat(asked.task().stoppedReason()).isEqualTo("done");
        assertThat(asked.task().stoppingAt()).isEqualTo(T0);
    }

    @Test
    void aStopIsRequestedOnceAndAnUnknownTaskIsNotFound() {
        DeciderSpec.of(decider).given(PLACED)
                .when(new TaskCommand.Stop(CLUSTER, TASK, "UserInitiated", "bye", T0.plusNanos(999_999)))
                .then(new TaskStopRequested(CLUSTER, TASK, INSTANCE, "UserInitiated", "bye", T0));
        DeciderSpec.of(decider).given(PLACED, new TaskStopRequested(CLUSTER, TASK, INSTANCE, "UserInitiated", "bye",
                T0)).when(new TaskCommand.Stop(CLUSTER, TASK, "ServiceSchedulerInitiated", "again", T0)).then();
        DeciderSpec.of(decider).when(new TaskCommand.Stop(CLUSTER, TASK, "UserInitiated", null, T0))
                .thenRejected("InvalidParameterException", "The referenced task was not found.");
        DeciderSpec.of(decider).given(PLACED).when(new TaskCommand.Stop(ACCOUNT + "cluster/other", TASK,
                "UserInitiated", null, T0)).thenRejected("InvalidParameterException",
                        "The referenced task was not found.");
    }

    @Test
    void tagsAreMergedAndRemovedAndOnlyTheClustersTasksHaveThem() {
        DeciderSpec.of(decider).given(PLACED)
                .when(new TaskCommand.Retag(CLUSTER, TASK, List.of(new Tag("env", "dev")), null))
                .then(new TaskTagsChanged(CLUSTER, TASK, List.of(new Tag("team", "a"), new Tag("env", "dev"))));
        DeciderSpec.of(decider).given(PLACED).when(new TaskCommand.Retag(CLUSTER, TASK, null, List.of("team")))
                .then(new TaskTagsChanged(CLUSTER, TASK, List.of()));
        DeciderSpec.of(decider).when(new TaskCommand.Retag(CLUSTER, TASK, List.of(), null))
                .thenRejected("ResourceNotFoundException", "The specified resource could not be found.");
    }

    @Test
    void theTaskReadBackFromItsJsonIsTheOneItsEventsMade() throws Exception {
        TaskState state = decider.fold(null, List.of(PLACED,
                decider.decide(new TaskCommand.Report(report(1, "RUNNING", null, T0.plusSeconds(3)),
                        T0.plusSeconds(3)), decider.evolve(null, PLACED)).get(0),
                new TaskStopRequested(CLUSTER, TASK, INSTANCE, "UserInitiated", "done", T0.plusSeconds(4))));

        String json = EventJson.mapper().writeValueAsString(state.task());

        assertThat(EventJson.mapper().readValue(json, Task.class)).isEqualTo(state.task());
        assertThat(EventJson.mapper().readTree(json).path("createdAt").decimalValue())
                .isEqualByComparingTo("1796464800.123");
        List<String> members = new java.util.ArrayList<>();
        EventJson.mapper().readTree(json).fieldNames().forEachRemaining(members::add);
        assertThat(members).isSorted();
    }

    /**
     * A task as the scheduler stored it before its stream was its source of truth (the JSON of the
     * old TaskDocument after a RUNNING report): read into a {@link Task} and written again, it is the
     * same JSON, so DescribeTasks answers the same after the migration.
     */
    @Test
    void aTaskStoredBeforeTheMigrationReadsBackUnchanged() throws Exception {
        String stored = """
                {"attachments":[],"availabilityZone":"eu-west-1a","clusterArn":"%1$s","connectivity":"CONNECTED",\
                "connectivityAt":1796464800.123,"containerInstanceArn":"%2$s","containers":[{"containerArn":\
                "%4$scontainer/prod/0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c/5b1f0c2e-8f41-3c55-9b5f-2d1c6f1e6a10",\
                "taskArn":"%3$s","name":"app","image":"busybox","lastStatus":"RUNNING","networkInterfaces":[],\
                "healthStatus":"UNKNOWN","cpu":"128","memory":"256","networkBindings":[{"bindIP":"0.0.0.0",\
                "containerPort":8080,"hostPort":8080,"protocol":"tcp"}]}],"cpu":"128","createdAt":1796464800.123,\
                "desiredStatus":"RUNNING","enableExecuteCommand":false,"group":"family:web","healthStatus":"UNKNOWN",\
                "lastStatus":"RUNNING","launchType":"EC2","memory":"256","overrides":{"containerOverrides":[],\
                "inferenceAcceleratorOverrides":[]},"startedBy":"ci","taskArn":"%3$s","taskDefinitionArn":\
                "%4$stask-definition/web:1","version":2,"pullStartedAt":1796464801.500,"pullStoppedAt":1796464802.250,\
                "startedAt":1796464803.000}""".formatted(CLUSTER, INSTANCE, TASK, ACCOUNT);

        Task task = EventJson.mapper().readValue(stored, Task.class);
        TaskState imported = decider.evolve(null, new TaskImported(CLUSTER, TASK,
                (ObjectNode) EventJson.mapper().readTree(stored), List.of(new Tag("team", "a")),
                PLACED.portBindings(), null, 1));

        JsonNode written = EventJson.mapper().readTree(EventJson.mapper().writeValueAsString(task));
        assertThat(written).isEqualTo(EventJson.mapper().readTree(stored));
        assertThat(task.startedAt()).isEqualTo(Instant.parse("2026-12-05T10:00:03Z"));
        assertThat(imported.task()).isEqualTo(task);
        assertThat(imported.reportVersion()).isEqualTo(1);
        assertThat(decider.decide(new TaskCommand.Report(report(2, "STOPPED", 0, T0.plusSeconds(60)),
                T0.plusSeconds(60)), imported)).singleElement().isInstanceOf(TaskStateChanged.class);
    }

    @Test
    void eventsWrittenBeforeTheirTimesExistedFoldWithoutThem() {
        TaskPlaced old = new TaskPlaced(CLUSTER, TASK, PLACED.taskDefinitionArn(), INSTANCE, "family:web", null,
                "EC2", null, 128, 256, List.of(), PLACED.taskDefinition(), null, List.of(), null);

        TaskState state = decider.fold(null, List.of(old, new TaskStopRequested(CLUSTER, TASK, INSTANCE,
                "UserInitiated", "bye")));

        assertThat(state.task().createdAt()).isNull();
        assertThat(state.task().desiredStatus()).isEqualTo("STOPPED");
        assertThat(state.task().stoppingAt()).isNull();
    }

    static TaskAwaitingCapacity awaiting() {
        return new TaskAwaitingCapacity(CLUSTER, TASK, ACCOUNT + "task-definition/web:1", "family:web", "ci", "asg",
                128, 288, PLACED.taskDefinition(), null, List.of(new Tag("team", "a")), List.of(), List.of(),
                "RESOURCE:MEMORY", T0);
    }

    @Test
    void aTaskThatWaitsForCapacityIsProvisioningOnNoInstanceAndKeepsItsCreationWhenPlaced() {
        TaskState waiting = DeciderSpec.of(decider).when(new TaskCommand.Await(awaiting())).then(awaiting());
        assertThat(waiting.task().lastStatus()).isEqualTo("PROVISIONING");
        assertThat(waiting.task().containerInstanceArn()).isNull();
        assertThat(waiting.task().capacityProviderName()).isEqualTo("asg");
        assertThat(waiting.task().isAwaitingCapacity()).isTrue();
        assertThat(waiting.task().containers()).extracting(Task.Container::name).containsExactly("app", "sidecar");

        TaskPlaced later = new TaskPlaced(CLUSTER, TASK, PLACED.taskDefinitionArn(), INSTANCE, "family:web", "ci",
                "EC2", "asg", 128, 288, PLACED.portBindings(), PLACED.taskDefinition(), null, PLACED.tags(),
                PLACED.diagnostics(), "eu-west-1a", T0.plusSeconds(90));
        TaskState placed = DeciderSpec.of(decider).given(awaiting()).when(new TaskCommand.Place(later)).then(later);
        assertThat(placed.task().lastStatus()).isEqualTo("PENDING");
        assertThat(placed.task().containerInstanceArn()).isEqualTo(INSTANCE);
        assertThat(placed.task().createdAt()).isEqualTo(T0);
        assertThat(placed.task().version()).isEqualTo(2);
        assertThat(placed.task().isAwaitingCapacity()).isFalse();
    }

    @Test
    void aWaitingTaskAskedToStopIsStoppedAtOnceAndAPlacedTaskIsNotPlacedAgain() {
        Instant at = T0.plusSeconds(1800);
        TaskStopRequested stop = new TaskStopRequested(CLUSTER, TASK, null, "TaskFailedToStart",
                "TaskFailedToStart: RESOURCE:MEMORY", at);
        TaskState stopped = DeciderSpec.of(decider).given(awaiting())
                .when(new TaskCommand.Stop(CLUSTER, TASK, "TaskFailedToStart", "TaskFailedToStart: RESOURCE:MEMORY",
                        at)).then(stop);
        assertThat(stopped.task().lastStatus()).isEqualTo("STOPPED");
        assertThat(stopped.task().stoppedAt()).isEqualTo(at);
        assertThat(stopped.task().stopCode()).isEqualTo("TaskFailedToStart");
        assertThat(stopped.task().containers()).extracting(Task.Container::lastStatus).containsOnly("STOPPED");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> decider.decide(new TaskCommand.Place(PLACED),
                decider.fold(null, List.of(PLACED)))).isInstanceOf(IllegalStateException.class);
    }
}
