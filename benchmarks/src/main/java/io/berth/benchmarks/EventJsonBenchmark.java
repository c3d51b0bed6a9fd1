package io.berth.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.events.BerthEvent;
import io.berth.events.EventEnvelope;
import io.berth.events.EventJson;
import io.berth.events.EventJson.PayloadJson;
import io.berth.events.EventTypes;
import io.berth.events.Shapes.Tag;
import io.berth.events.TaskEvent.SchedulerCommandAnswered;
import io.berth.events.TaskEvent.TaskPlaced;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What the event store's writer spends on one event's JSON (scenario 1's two kinds: a task's placement, with its task
 * definition, and a RunTask's answer, with ten task documents): {@code twice} as it was (the payload serialized for
 * the events table's column, then again inside the outbox's envelope), {@code once} as it is
 * ({@link EventJson#payloadJson}, its text reused in the envelope). Both give the same bytes (PayloadJsonTest).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EventJsonBenchmark {

    private static final String CLUSTER = "arn:aws:ecs:us-east-1:000000000000:cluster/bench";
    private static final String INSTANCE = "arn:aws:ecs:us-east-1:000000000000:container-instance/bench/"
            + "5b1f0c9d7e6a4b3c8d2e1f0a9b8c7d6e";
    private static final String DEFINITION = "arn:aws:ecs:us-east-1:000000000000:task-definition/bench:1";

    @Param({"TaskPlaced", "SchedulerCommandAnswered"})
    public String event;

    private EventEnvelope envelope;

    @Setup
    public void event() throws JsonProcessingException {
        BerthEvent payload = event.equals("TaskPlaced")
                ? new TaskPlaced(CLUSTER, taskArn(0), DEFINITION, INSTANCE, "family:bench", null, "EC2", null, 10, 6,
                        List.of(), definition(), null, List.of(new Tag("run", "42")), null, "us-east-1a",
                        Instant.parse("2026-12-06T17:40:00.125Z"))
                : answer();
        envelope = new EventEnvelope(UUID.randomUUID(), EventTypes.nameOf(payload), "task", CLUSTER, 1,
                "000000000000", "us-east-1", Instant.parse("2026-12-06T17:40:00.125Z"), UUID.randomUUID(), null,
                EventTypes.CURRENT_SCHEMA_VERSION, payload);
    }

    @Benchmark
    public void twice(Blackhole sink) {
        sink.consume(EventJson.payloadToJson(envelope.payload()).toString());
        sink.consume(new String(EventJson.toBytes(envelope), StandardCharsets.UTF_8));
    }

    @Benchmark
    public void once(Blackhole sink) {
        PayloadJson json = EventJson.payloadJson(envelope.payload());
        sink.consume(json.text());
        sink.consume(json.envelopeText(envelope));
    }

    private static String taskArn(int i) {
        return "arn:aws:ecs:us-east-1:000000000000:task/bench/" + String.format("%032x", 0xabcdef0000L + i);
    }

    private static ObjectNode definition() throws JsonProcessingException {
        return (ObjectNode) EventJson.mapper().readTree("""
                {"taskDefinitionArn":"%s","family":"bench","revision":1,"status":"ACTIVE","networkMode":"bridge",
                 "containerDefinitions":[{"name":"app","image":"public.ecr.aws/docker/library/busybox:latest","cpu":10,
                   "memory":6,"essential":true,"command":["sleep","3600"],"portMappings":[],"environment":[],
                   "mountPoints":[],"volumesFrom":[]}],
                 "requiresAttributes":[{"name":"com.amazonaws.ecs.capability.docker-remote-api.1.18"}],
                 "compatibilities":["EC2"],"requiresCompatibilities":["EC2"],"placementConstraints":[],"volumes":[],
                 "registeredAt":1765042800.125,"registeredBy":"arn:aws:iam::000000000000:root"}
                """.formatted(DEFINITION));
    }

    private static SchedulerCommandAnswered answer() throws JsonProcessingException {
        List<String> arns = new ArrayList<>();
        List<ObjectNode> tasks = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            arns.add(taskArn(i));
            tasks.add((ObjectNode) EventJson.mapper().readTree("""
                    {"attachments":[],"attributes":[{"name":"ecs.cpu-architecture","value":"x86_64"}],
                     "availabilityZone":"us-east-1a","clusterArn":"%s","containerInstanceArn":"%s",
                     "containers":[{"containerArn":"arn:aws:ecs:us-east-1:000000000000:container/bench/%s/app",
                       "taskArn":"%s","name":"app","image":"public.ecr.aws/docker/library/busybox:latest",
                       "lastStatus":"PENDING","networkBindings":[],"networkInterfaces":[],"cpu":"10","memory":"6"}],
                     "cpu":"10","createdAt":1765042800.%03d,"desiredStatus":"RUNNING","enableExecuteCommand":false,
                     "group":"family:bench","healthStatus":"UNKNOWN","lastStatus":"PENDING","launchType":"EC2",
                     "memory":"6","overrides":{"containerOverrides":[{"name":"app"}],"inferenceAcceleratorOverrides":[]},
                     "tags":[],"taskArn":"%s","taskDefinitionArn":"%s","version":1}
                    """.formatted(CLUSTER, INSTANCE, taskArn(i).substring(taskArn(i).lastIndexOf('/') + 1), taskArn(i),
                    125 + i, taskArn(i), DEFINITION)));
        }
        return new SchedulerCommandAnswered(CLUSTER, UUID.randomUUID(), arns, List.of(), null, null,
                "berth.task.events scheduler-service 42", null, tasks, null);
    }
}
