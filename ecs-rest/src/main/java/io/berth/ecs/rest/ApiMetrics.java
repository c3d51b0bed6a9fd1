package io.berth.ecs.rest;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

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
        Timer.builder(REQUESTS)
                .description("API calls answered, by operation")
                .tag("api", api)
                .tag("operation", operation)
                .tag("status", Integer.toString(status))
                .tag("error", errorCode == null || errorCode.isBlank() ? "none" : errorCode)
                .serviceLevelObjectives(BUCKETS)
                .register(registry)
                .record(Duration.ofNanos(nanos));
    }
}
