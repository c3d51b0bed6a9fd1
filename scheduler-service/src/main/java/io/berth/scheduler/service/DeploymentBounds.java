package io.berth.scheduler.service;

import io.berth.events.Shapes.DeploymentConfiguration;

/**
 * The band a deployment configuration allows for a desired count: at least {@code minimumHealthy}
 * healthy RUNNING tasks (all deployments together) and at most {@code maximumTotal} PENDING and
 * RUNNING tasks. ECS: lower bound ⌈desired × minimumHealthyPercent / 100⌉, upper bound
 * ⌊desired × maximumPercent / 100⌋.
 */
public record DeploymentBounds(int minimumHealthy, int maximumTotal) {

    public static DeploymentBounds of(int desiredCount, DeploymentConfiguration configuration) {
        long desired = desiredCount;
        long min = (desired * configuration.minimumHealthyPercent() + 99) / 100;
        long max = desired * configuration.maximumPercent() / 100;
        return new DeploymentBounds((int) Math.min(min, Integer.MAX_VALUE), (int) Math.min(max, Integer.MAX_VALUE));
    }

    /** How many healthy tasks may be stopped when {@code healthy} are running. */
    public int stoppable(int healthy) {
        return Math.max(0, healthy - minimumHealthy);
    }

    /** How many tasks may be started when {@code live} are pending or running. */
    public int startable(int live) {
        return Math.max(0, maximumTotal - live);
    }
}
