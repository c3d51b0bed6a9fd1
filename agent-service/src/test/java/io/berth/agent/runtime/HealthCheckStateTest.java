package io.berth.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthCheckStateTest {

    static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    static HealthCheckState state(int retries, Duration startPeriod) {
        return new HealthCheckState(new ContainerDetails.HealthCheck(List.of("CMD", "true"), Duration.ofSeconds(5),
                Duration.ofSeconds(2), retries, startPeriod), T0);
    }

    @Test
    void unknownUntilTheFirstSuccessThenHealthy() {
        HealthCheckState state = state(3, Duration.ZERO);

        assertThat(state.status()).isEqualTo(Health.UNKNOWN);
        assertThat(state.record(T0.plusSeconds(5), false)).isEqualTo(Health.UNKNOWN);
        assertThat(state.record(T0.plusSeconds(10), true)).isEqualTo(Health.HEALTHY);
    }

    @Test
    void unhealthyAfterRetriesFailuresInARowAndHealthyAgainOnASuccess() {
        HealthCheckState state = state(2, Duration.ZERO);
        state.record(T0.plusSeconds(5), true);

        assertThat(state.record(T0.plusSeconds(10), false)).isEqualTo(Health.HEALTHY);
        assertThat(state.record(T0.plusSeconds(15), false)).isEqualTo(Health.UNHEALTHY);
        assertThat(state.record(T0.plusSeconds(20), true)).isEqualTo(Health.HEALTHY);
    }

    @Test
    void failuresDuringTheStartPeriodDoNotCountButASuccessDoes() {
        HealthCheckState state = state(1, Duration.ofSeconds(30));

        assertThat(state.record(T0.plusSeconds(5), false)).isEqualTo(Health.UNKNOWN);
        assertThat(state.record(T0.plusSeconds(29), false)).isEqualTo(Health.UNKNOWN);
        assertThat(state.record(T0.plusSeconds(30), false)).isEqualTo(Health.UNHEALTHY);
        HealthCheckState early = state(1, Duration.ofSeconds(30));
        assertThat(early.record(T0.plusSeconds(5), true)).isEqualTo(Health.HEALTHY);
    }

    @Test
    void aTasksHealthComesFromItsEssentialContainersWithAHealthCheck() {
        ContainerDetails checked = new ContainerDetails(null, false, List.of(), 0, null, null,
                new ContainerDetails.HealthCheck(List.of("CMD", "true"), Duration.ofSeconds(5), Duration.ofSeconds(2),
                        3, Duration.ZERO), List.of(), null, List.of(), List.of(), List.of());
        ContainerSpec web = new ContainerSpec("web", "i", List.of(), List.of(), Map.of(), true, List.of(), null, null,
                Map.of(), checked);
        ContainerSpec api = new ContainerSpec("api", "i", List.of(), List.of(), Map.of(), true, List.of(), null, null,
                Map.of(), checked);
        ContainerSpec sidecar = new ContainerSpec("sidecar", "i", List.of(), List.of(), Map.of(), false, List.of(),
                null, null, Map.of(), checked);
        ContainerSpec plain = Specs.container("plain", "true");
        List<ContainerSpec> containers = List.of(web, api, sidecar, plain);
        Map<String, String> health = new HashMap<>(Map.of("web", Health.HEALTHY, "sidecar", Health.UNHEALTHY));

        assertThat(Health.ofTask(containers, health)).isEqualTo(Health.UNKNOWN);
        health.put("api", Health.HEALTHY);
        assertThat(Health.ofTask(containers, health)).isEqualTo(Health.HEALTHY);
        health.put("web", Health.UNHEALTHY);
        assertThat(Health.ofTask(containers, health)).isEqualTo(Health.UNHEALTHY);
        assertThat(Health.ofTask(List.of(plain, sidecar), health)).isNull();
    }
}
