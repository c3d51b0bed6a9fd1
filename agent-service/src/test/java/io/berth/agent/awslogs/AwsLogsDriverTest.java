package io.berth.agent.awslogs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.agent.runtime.ContainerLog;
import io.berth.agent.runtime.ContainerLogs.LogDriverException;
import io.berth.agent.runtime.TaskSpec;
import io.berth.events.EventJson;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The awslogs driver against a Logs API that records its calls (the real path, through the gateway to the
 * logs-service, is {@code AwsLogsIT}'s): stream names as ECS gives them, the group created only when allowed, lines
 * in order and batched within CloudWatch's limits, multiline events.
 */
class AwsLogsDriverTest {

    private static final String TASK = "arn:aws:ecs:eu-west-1:123456789012:task/prod/0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c";
    private static final Instant T0 = Instant.parse("2026-12-05T02:00:00Z");

    /** What the driver asked of CloudWatch Logs, with groups that exist. */
    static final class RecordingApi implements LogsApi {

        final Set<String> groups = new HashSet<>();
        final List<String> calls = new ArrayList<>();
        final List<List<Event>> batches = new ArrayList<>();

        @Override
        public synchronized void createLogGroup(TaskSpec task, String region, String group) {
            calls.add("CreateLogGroup " + region + " " + group);
            groups.add(group);
        }

        @Override
        public synchronized void createLogStream(TaskSpec task, String region, String group, String stream)
                throws LogsApiException {
            if (!groups.contains(group)) {
                throw new LogsApiException("ResourceNotFoundException", "The specified log group does not exist.",
                        false);
            }
            calls.add("CreateLogStream " + region + " " + group + " " + stream);
        }

        @Override
        public synchronized void putLogEvents(TaskSpec task, String region, String group, String stream,
                List<Event> events) {
            batches.add(List.copyOf(events));
        }

        @Override
        public Optional<Instant> lastEventTime(TaskSpec task, String region, String group, String stream) {
            return Optional.empty();
        }

        synchronized List<Event> events() {
            return batches.stream().flatMap(List::stream).toList();
        }
    }

    private final RecordingApi api = new RecordingApi();

    @Test
    void eachContainerLogsToPrefixContainerTaskIdAndTheGroupIsCreatedWhenAllowed() throws Exception {
        TaskSpec task = task(Map.of("awslogs-group", "/ecs/web", "awslogs-region", "eu-west-1",
                "awslogs-stream-prefix", "web", "awslogs-create-group", "true"));
        try (AwsLogsDriver driver = new AwsLogsDriver(api, Duration.ofHours(1))) {
            ContainerLog log = driver.open(task, task.containers().get(0), null, false).orElseThrow();
            log.append(T0, "first");
            log.append(T0.plusMillis(5), "second");
            log.close();
        }

        assertThat(api.calls).containsExactly("CreateLogGroup eu-west-1 /ecs/web",
                "CreateLogStream eu-west-1 /ecs/web web/app/0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c");
        assertThat(api.events()).containsExactly(new LogsApi.Event(T0.toEpochMilli(), "first"),
                new LogsApi.Event(T0.toEpochMilli() + 5, "second"));
    }

    @Test
    void aMissingGroupWithoutCreateGroupStopsTheContainerAsDockerReportsIt() throws Exception {
        TaskSpec task = task(Map.of("awslogs-group", "/ecs/missing", "awslogs-region", "eu-west-1",
                "awslogs-stream-prefix", "web"));
        try (AwsLogsDriver driver = new AwsLogsDriver(api, Duration.ofHours(1))) {
            assertThatThrownBy(() -> driver.open(task, task.containers().get(0), null, false))
                    .isInstanceOf(LogDriverException.class)
                    .hasMessage("failed to initialize logging driver: failed to create Cloudwatch log stream:"
                            + " ResourceNotFoundException: The specified log group does not exist.");
        }
        assertThat(api.calls).isEmpty();
    }

    @Test
    void moreLinesThanABatchHoldsGoOutInBatchesOfAtMostTenThousandInOrder() throws Exception {
        api.groups.add("/ecs/web");
        TaskSpec task = task(Map.of("awslogs-group", "/ecs/web", "awslogs-region", "eu-west-1",
                "awslogs-stream-prefix", "web", "mode", "blocking"));
        try (AwsLogsDriver driver = new AwsLogsDriver(api, Duration.ofHours(1))) {
            ContainerLog log = driver.open(task, task.containers().get(0), null, false).orElseThrow();
            for (int i = 0; i < 25_000; i++) {
                log.append(T0.plusMillis(i), "line " + i);
            }
            log.close();
        }

        assertThat(api.batches).allSatisfy(batch -> assertThat(batch).hasSizeLessThanOrEqualTo(10_000));
        assertThat(api.events()).hasSize(25_000);
        assertThat(api.events().get(24_999).message()).isEqualTo("line 24999");
        assertThat(api.events()).isSortedAccordingTo((a, b) -> Long.compare(a.timestamp(), b.timestamp()));
    }

    @Test
    void aMultilinePatternJoinsTheLinesOfOneEvent() throws Exception {
        api.groups.add("/ecs/web");
        TaskSpec task = task(Map.of("awslogs-group", "/ecs/web", "awslogs-region", "eu-west-1",
                "awslogs-stream-prefix", "web", "awslogs-multiline-pattern", "^(INFO|ERROR)"));
        try (AwsLogsDriver driver = new AwsLogsDriver(api, Duration.ofHours(1))) {
            ContainerLog log = driver.open(task, task.containers().get(0), null, false).orElseThrow();
            log.append(T0, "ERROR boom");
            log.append(T0.plusMillis(1), "  at Foo.bar");
            log.append(T0.plusMillis(2), "  at Foo.main");
            log.append(T0.plusMillis(3), "INFO recovered");
            log.close();
        }

        assertThat(api.events()).extracting(LogsApi.Event::message)
                .containsExactly("ERROR boom\n  at Foo.bar\n  at Foo.main", "INFO recovered");
    }

    private static TaskSpec task(Map<String, String> options) throws IOException {
        JsonNode definition = EventJson.mapper().valueToTree(Map.of("family", "web", "revision", 3,
                "containerDefinitions", List.of(Map.of("name", "app", "image", "busybox",
                        "logConfiguration", Map.of("logDriver", "awslogs", "options", options)))));
        return TaskSpec.fromTaskDefinition(TASK, "arn:aws:ecs:eu-west-1:123456789012:cluster/prod",
                "arn:aws:ecs:eu-west-1:123456789012:container-instance/prod/0123456789abcdef", definition, null);
    }
}
