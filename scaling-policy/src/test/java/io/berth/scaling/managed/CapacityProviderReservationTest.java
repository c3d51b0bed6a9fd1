package io.berth.scaling.managed;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.scaling.managed.CapacityProviderReservation.Instance;
import io.berth.scaling.managed.CapacityProviderReservation.Measurement;
import io.berth.scaling.managed.CapacityProviderReservation.WaitingTasks;
import java.util.List;
import org.junit.jupiter.api.Test;

class CapacityProviderReservationTest {

    private static final ManagedScalingSettings DEFAULTS = ManagedScalingSettings.DEFAULTS;

    private static Instance busy(String id) {
        return new Instance(id, 2048, 8192, true);
    }

    private static Instance empty(String id) {
        return new Instance(id, 2048, 8192, false);
    }

    @Test
    void noInstancesAndNoTasksIs100() {
        Measurement m = CapacityProviderReservation.measure(DEFAULTS, List.of(), List.of());
        assertThat(m.reservation()).isEqualTo(100);
        assertThat(m.instancesNeeded()).isZero();
        assertThat(m.instancesRunning()).isZero();
    }

    @Test
    void waitingTasksWithoutInstancesAre200AndAskTheMinimumStep() {
        ManagedScalingSettings settings = new ManagedScalingSettings(100, 2, 10, 300);
        Measurement m = CapacityProviderReservation.measure(settings, List.of(), List.of(new WaitingTasks(256, 512, 5)));
        assertThat(m.reservation()).isEqualTo(200);
        assertThat(m.instancesNeeded()).isEqualTo(2);
        assertThat(m.provisioningTasks()).isEqualTo(5);
    }

    @Test
    void instancesWithoutNonDaemonTasksAreEmptyAndLowerTheMetric() {
        Measurement m = CapacityProviderReservation.measure(DEFAULTS,
                List.of(busy("i-1"), empty("i-2"), busy("i-3"), empty("i-4")), List.of());
        assertThat(m.reservation()).isEqualTo(50);
        assertThat(m.instancesNeeded()).isEqualTo(2);
        assertThat(m.emptyInstances()).containsExactly("i-2", "i-4");
    }

    @Test
    void everyInstanceBusyIs100() {
        Measurement m = CapacityProviderReservation.measure(DEFAULTS, List.of(busy("i-1"), busy("i-2")), List.of());
        assertThat(m.reservation()).isEqualTo(100);
        assertThat(m.emptyInstances()).isEmpty();
    }

    @Test
    void waitingTasksArePackedOntoTheLargestInstanceShape() {
        // 2048 CPU / 8192 MiB: four 512-unit tasks per instance, so ten tasks need three instances.
        Measurement m = CapacityProviderReservation.measure(DEFAULTS, List.of(busy("i-1"), busy("i-2")),
                List.of(new WaitingTasks(512, 1024, 10)));
        assertThat(m.instancesNeeded()).isEqualTo(5);
        assertThat(m.reservation()).isEqualTo(250);
    }

    @Test
    void groupsOfDifferentRequirementsShareInstances() {
        // One 1536-unit task and two 256-unit tasks fill one 2048-unit instance.
        assertThat(CapacityProviderReservation.binpack(List.of(new WaitingTasks(256, 512, 2),
                new WaitingTasks(1536, 1024, 1)), 2048, 8192)).isEqualTo(1);
        assertThat(CapacityProviderReservation.binpack(List.of(new WaitingTasks(256, 4096, 3)), 2048, 8192))
                .isEqualTo(2);
    }

    @Test
    void theEstimateIsHeldWithinTheStepSizes() {
        List<Instance> one = List.of(busy("i-1"));
        Measurement small = CapacityProviderReservation.measure(new ManagedScalingSettings(100, 3, 10, 0), one,
                List.of(new WaitingTasks(512, 1024, 1)));
        assertThat(small.instancesNeeded()).isEqualTo(4);
        Measurement large = CapacityProviderReservation.measure(new ManagedScalingSettings(100, 1, 5, 0), one,
                List.of(new WaitingTasks(2048, 1024, 40)));
        assertThat(large.instancesNeeded()).isEqualTo(6);
    }

    @Test
    void tasksThatFitNoInstanceShapeAreLeftOutAndLeaveTheMetricAlone() {
        Measurement m = CapacityProviderReservation.measure(DEFAULTS, List.of(busy("i-1"), empty("i-2")),
                List.of(new WaitingTasks(4096, 1024, 3)));
        assertThat(m.incompatibleTasks()).isEqualTo(3);
        assertThat(m.provisioningTasks()).isEqualTo(3);
        assertThat(m.instancesNeeded()).isEqualTo(1);
        assertThat(m.reservation()).isEqualTo(50);
    }

    @Test
    void theSmallestShapeIsTheSanityCheck() {
        Instance small = new Instance("i-1", 1024, 2048, true);
        Instance large = new Instance("i-2", 4096, 16384, true);
        Measurement m = CapacityProviderReservation.measure(DEFAULTS, List.of(small, large),
                List.of(new WaitingTasks(2048, 1024, 2), new WaitingTasks(512, 512, 2)));
        assertThat(m.incompatibleTasks()).isEqualTo(2);
        assertThat(m.instancesNeeded()).isEqualTo(3);
    }

    @Test
    void theReservationRoundsUp() {
        assertThat(CapacityProviderReservation.reservation(2, 3)).isEqualTo(67);
        assertThat(CapacityProviderReservation.reservation(98, 100)).isEqualTo(98);
        assertThat(CapacityProviderReservation.reservation(0, 4)).isZero();
    }
}
