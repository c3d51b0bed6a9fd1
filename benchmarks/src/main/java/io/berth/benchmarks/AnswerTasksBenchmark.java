package io.berth.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.events.EventEnvelope;
import io.berth.events.EventJson;
import io.berth.events.EventJson.PayloadJson;
import io.berth.events.EventTypes;
import io.berth.events.Shapes.Tag;
import io.berth.events.TaskEvent.SchedulerCommandAnswered;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A RunTask's answer of ten tasks, from the task rows' two JSON columns (the document and the tags) to the events
 * table's text and the outbox's envelope (ADR 0079): {@code parsed} as the scheduler built it before session 20 (each
 * document parsed into a tree, the tags read and added as a tree, the answer's tree copied and written), {@code raw}
 * as it builds it now (each row's columns spliced into one text that is written as it is, as {@code TaskView} does).
 * Both write the same text (PayloadJsonTest, TaskLifecycleTest).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AnswerTasksBenchmark {

    private static final String CLUSTER = "arn:aws:ecs:us-east-1:000000000000:cluster/bench";
    private static final String TAGS = "[{\"key\":\"run\",\"value\":\"42\"}]";
    private static final TypeReference<List<Tag>> TAG_LIST = new TypeReference<>() { };
    private static final Instant AT = Instant.parse("2026-12-06T17:40:00.125Z");

    private final List<String> arns = new ArrayList<>();
    private final List<String> documents = new ArrayList<>();

    public AnswerTasksBenchmark() {
        for (int i = 0; i < 10; i++) {
            documents.add(EventJsonBenchmark.taskDocument(i, ""));
            arns.add(EventJsonBenchmark.taskArn(i));
        }
    }

    @Benchmark
    public void parsed(Blackhole sink) throws JsonProcessingException {
        List<JsonNode> tasks = new ArrayList<>(documents.size());
        for (String document : documents) {
            ObjectNode task = (ObjectNode) EventJson.mapper().readTree(document);
            task.set("tags", EventJson.mapper().valueToTree(EventJson.mapper().readValue(TAGS, TAG_LIST)));
            tasks.add(task);
        }
        write(tasks, sink);
    }

    @Benchmark
    public void raw(Blackhole sink) {
        List<JsonNode> tasks = new ArrayList<>(documents.size());
        for (String document : documents) {
            tasks.add(EventJson.raw(document.substring(0, document.length() - 1) + ",\"tags\":" + TAGS + "}"));
        }
        write(tasks, sink);
    }

    private void write(List<JsonNode> tasks, Blackhole sink) {
        SchedulerCommandAnswered answer = new SchedulerCommandAnswered(CLUSTER, UUID.randomUUID(), arns, List.of(),
                null, null, "berth.task.events scheduler-service 42", null, tasks, null);
        EventEnvelope envelope = new EventEnvelope(UUID.randomUUID(), EventTypes.nameOf(answer), "command",
                UUID.randomUUID().toString(), 1, "000000000000", "us-east-1", AT, UUID.randomUUID(), null,
                EventTypes.CURRENT_SCHEMA_VERSION, answer);
        PayloadJson json = EventJson.payloadJson(answer);
        sink.consume(json.text());
        sink.consume(json.envelopeText(envelope));
    }
}
