package io.berth.ecs.rest;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The one meter of API calls every service publishes, {@value #REQUESTS}: a timer per API, operation,
 * status and error code. Operations are tags, not URLs, so that a whole API's rate and latency are
 * one query ({@code sum by (operation)}) whichever path carried them: {@code POST /} with
 * {@code X-Amz-Target} at the gateway, {@code POST /ecs/<Operation>} at an owner. Its buckets are
 * the latency targets of the benchmarks, so a quantile near them reads true without a full histogram.
 */
@ApplicationScoped
public class ApiMetrics {

    public static final String REQUESTS = "berth.api.requests";
    /** What an operation the API does not know is recorded as: a tag holds no client-chosen text. */
    public static final String UNKNOWN = "unknown";
    private static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(20),
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5)};

    private final MeterRegistry registry;
    /**
     * The timers registered so far, by their tags: a call finds its timer with one map lookup instead of
     * building and registering it again (a tag list sorted, an id hashed, the registry's own lookup).
     */
    private final Map<Key, Timer> timers = new ConcurrentHashMap<>();

    public ApiMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * One answered call.
     *
     * @param api the API's short name ({@code ecs}, {@code ecr}, {@code logs}, {@code application-autoscaling}, {@code v1})
     * @param errorCode the {@code x-amzn-ErrorType} of the answer, null when it succeeded
     */
    public void record(String api, String operation, int status, String errorCode, long nanos) {
        Key key = new Key(api, operation, status, errorCode == null || errorCode.isBlank() ? "none" : errorCode);
        timers.computeIfAbsent(key, this::register).record(nanos, TimeUnit.NANOSECONDS);
    }

    private Timer register(Key key) {
        return Timer.builder(REQUESTS)
                .description("API calls answered, by operation")
                .tag("api", key.api())
                .tag("operation", key.operation())
                .tag("status", Integer.toString(key.status()))
                .tag("error", key.error())
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
    }

    /** A timer's tags. Each is bounded: operations and error codes come from the APIs' models, never from a request. */
    private record Key(String api, String operation, int status, String error) {
    }
}
