package io.berth.benchmarks.load;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.SortedMap;

/**
 * The figures of one operation in one phase of a run.
 *
 * @param sent requests handed to the server
 * @param dropped requests never sent because {@code --max-in-flight} requests were already waiting
 * @param late sent requests that left more than 1 ms after their intended start: the generator fell behind
 * @param answered requests the server answered, whatever the status; the count of {@code latencyMicros}
 * @param ok 2xx answers
 * @param clientErrors 4xx answers by {@code __type}
 * @param serverErrors 5xx answers
 * @param transportErrors requests with no answer, by exception
 * @param latencyMicros latency of the answered requests; null when none was answered
 */
public record OperationReport(String operation, long sent, long dropped, long late, long answered, long ok,
        SortedMap<String, Long> clientErrors, long serverErrors, SortedMap<String, Long> transportErrors,
        LatencyReport latencyMicros) {

    /** Client, server and transport errors together. */
    @JsonProperty("errors")
    public long errors() {
        return sum(clientErrors) + serverErrors + sum(transportErrors);
    }

    private static long sum(SortedMap<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
