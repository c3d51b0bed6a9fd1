package io.berth.agent.runtime;

import java.time.Instant;

/**
 * Docker's health-check rules for one container, applied to the results of checks the agent runs itself: UNKNOWN
 * until the first success (HEALTHY) or until {@code retries} failures in a row (UNHEALTHY); failures during the
 * start period do not count, a success during it counts at once. Not thread-safe: one container's checks run one at
 * a time.
 */
public final class HealthCheckState {

    private final ContainerDetails.HealthCheck check;
    private final Instant startedAt;
    private int failuresInARow;
    private String status = Health.UNKNOWN;

    public HealthCheckState(ContainerDetails.HealthCheck check, Instant containerStartedAt) {
        this.check = check;
        this.startedAt = containerStartedAt;
    }

    /** Records one check's outcome (a timeout is a failure) and returns the container's health after it. */
    public String record(Instant at, boolean passed) {
        if (passed) {
            failuresInARow = 0;
            status = Health.HEALTHY;
        } else if (!at.isBefore(startedAt.plus(check.startPeriod()))) {
            failuresInARow++;
            if (failuresInARow >= check.retries()) {
                status = Health.UNHEALTHY;
            }
        }
        return status;
    }

    public String status() {
        return status;
    }
}
