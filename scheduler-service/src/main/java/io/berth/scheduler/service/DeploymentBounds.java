package io.berth.scheduler.service;

import io.berth.events.Shapes.DeploymentConfiguration;

/**
 * The band a deployment configuration allows for a desired count: at least {@code minimumHealthy}
 * healthy RUNNING tasks meant to keep running (all deployments together) and at most
 * {@code maximumTotal} tasks that are not STOPPED, those told to stop included (issue 14 item 4).
 * ECS: lower bound ⌈desired × minimumHealthyPercent / 100⌉, upper bound ⌊desired × maximumPercent / 100⌋.
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

    /** How many tasks may be started when {@code occupying} are not STOPPED yet. */
    public int startable(int occupying) {
        return Math.max(0, maximumTotal - occupying);
    }
}
