package io.berth.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SimulationPlanTest {

    @Test
    void withoutLabelsATaskRunsIdleUntilStopped() {
        SimulationPlan plan = SimulationPlan.from(Map.of());

        assertThat(plan).isEqualTo(new SimulationPlan(null, null, 0, SimulationPlan.Percent.IDLE,
                SimulationPlan.Percent.IDLE, 0, null));
    }

    @Test
    void aCpuFileReplacesTheLabelsPercentWhileItReads(@TempDir Path directory) throws Exception {
        Path load = directory.resolve("load");
        SimulationPlan plan = SimulationPlan.from(Map.of("berth.simulate.cpu", "40",
                "berth.simulate.cpu-file", load.toString()));

        assertThat(plan.cpuNow()).isEqualTo(new SimulationPlan.Percent(40, 40));
        Files.writeString(load, "90\n");
        assertThat(plan.cpuNow()).isEqualTo(new SimulationPlan.Percent(90, 90));
        Files.writeString(load, "5-10");
        assertThat(plan.cpuNow()).isEqualTo(new SimulationPlan.Percent(5, 10));
        Files.writeString(load, "");
        assertThat(plan.cpuNow()).isEqualTo(new SimulationPlan.Percent(40, 40));
    }

    @ParameterizedTest
    @CsvSource({"PT5S, PT5S", "5, PT5S", "0.25, PT0.25S", "pt1m, PT1M", "' 3 ', PT3S"})
    void runForIsIsoOrSeconds(String label, Duration expected) {
        SimulationPlan plan = SimulationPlan.from(Map.of("berth.simulate.run-for", label,
                "berth.simulate.exit-code", "3"));

        assertThat(plan.exitAfter()).isEqualTo(expected);
        assertThat(plan.exitCode()).isEqualTo(3);
        assertThat(plan.failToStart()).isNull();
    }

    @Test
    void eitherExitLabelAloneMakesTheEssentialContainerExit() {
        assertThat(SimulationPlan.from(Map.of("berth.simulate.exit-code", "1")))
                .extracting(SimulationPlan::exitAfter, SimulationPlan::exitCode).containsExactly(Duration.ZERO, 1);
        assertThat(SimulationPlan.from(Map.of("berth.simulate.run-for", "2")))
                .extracting(SimulationPlan::exitAfter, SimulationPlan::exitCode)
                .containsExactly(Duration.ofSeconds(2), 0);
    }

    @Test
    void failToStartCarriesTheReason() {
        assertThat(SimulationPlan.from(Map.of("berth.simulate.fail-to-start", "no such image")).failToStart())
                .isEqualTo("no such image");
    }

    @Test
    void utilizationIsAFixedPercentOrAUniformRange() {
        SimulationPlan plan = SimulationPlan.from(Map.of("berth.simulate.cpu", "40",
                "berth.simulate.memory", "20.5-80"));
        SplittableRandom random = new SplittableRandom(7);

        assertThat(plan.cpu()).isEqualTo(new SimulationPlan.Percent(40, 40));
        assertThat(plan.memory()).isEqualTo(new SimulationPlan.Percent(20.5, 80));
        assertThat(plan.cpu().sample(random)).isEqualTo(40);
        List<Double> samples = IntStream.range(0, 1000).mapToObj(i -> plan.memory().sample(random)).toList();
        assertThat(samples).allSatisfy(s -> assertThat(s).isBetween(20.5, 80.0));
        assertThat(samples).anySatisfy(s -> assertThat(s).isLessThan(30))
                .anySatisfy(s -> assertThat(s).isGreaterThan(70));
    }

    @ParameterizedTest
    @CsvSource({
            "berth.simulate.run-for, soon", "berth.simulate.run-for, -5", "berth.simulate.run-for, PT-1S",
            "berth.simulate.exit-code, 256", "berth.simulate.exit-code, x", "berth.simulate.cpu, 80-20",
            "berth.simulate.cpu, -3", "berth.simulate.memory, lots", "berth.simulate.memory, NaN",
            "berth.simulate.cpu-file, load.txt"})
    void anUnreadableLabelMakesTheTaskFailToStartNamingIt(String label, String value) {
        SimulationPlan plan = SimulationPlan.from(Map.of(label, value));

        assertThat(plan.failToStart()).isEqualTo("invalid value '" + value + "' for label " + label);
        assertThat(plan.exitAfter()).isNull();
    }
}
