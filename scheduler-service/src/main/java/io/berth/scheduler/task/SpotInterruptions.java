package io.berth.scheduler.task;

import io.berth.ecs.EcsErrors;
import java.time.Instant;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Fargate Spot reclaiming a task's capacity, as ECS does it (reference {@code fargate.md} §7): the
 * task is asked to stop with the two-minute warning's stop code, TerminationNotice, and the reason
 * ECS gives, so its agent sends the containers SIGTERM; once STOPPED, its stop code is
 * SpotInterruption. Only Spot tasks can be interrupted. Pure.
 */
public final class SpotInterruptions {

    public static final String TERMINATION_NOTICE = "TerminationNotice";
    public static final String SPOT_INTERRUPTION = "SpotInterruption";
    public static final String REASON = "Your Spot Task was interrupted.";

    private SpotInterruptions() {
    }

    /**
     * The stop that interrupts a task.
     *
     * @param capacityProvider the task's capacity provider; null when the task is not known
     */
    static TaskCommand.Stop interrupt(String clusterArn, String taskArn, String capacityProvider, Instant at) {
        if (capacityProvider == null || !FargateRules.FARGATE_SPOT.equals(capacityProvider)) {
            throw EcsErrors.invalidParameter("Only tasks on the FARGATE_SPOT capacity provider can be interrupted.");
        }
        return new TaskCommand.Stop(clusterArn, taskArn, TERMINATION_NOTICE, REASON, at);
    }

    /** A random interruption rate is a probability per task and check. */
    static void checkRate(double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("berth.scheduler.fargate.spot-interruption-rate must be between 0 and 1,"
                    + " not " + rate);
        }
    }

    /** The candidates one check interrupts: each on its own with probability {@code rate}, in their order. */
    static <T> List<T> drawn(List<T> candidates, double rate, RandomGenerator random) {
        checkRate(rate);
        return candidates.stream().filter(c -> random.nextDouble() < rate).toList();
    }

    /** The stop code a task ends with: a Spot task stopped by its termination notice was interrupted. */
    static String finalStopCode(String stopCode, String capacityProvider) {
        return TERMINATION_NOTICE.equals(stopCode) && FargateRules.FARGATE_SPOT.equals(capacityProvider)
                ? SPOT_INTERRUPTION : stopCode;
    }
}
