package io.berth.scheduler.service;

import io.berth.events.Shapes.CapacityProviderStrategyItem;
import io.berth.events.Shapes.LoadBalancer;
import io.berth.events.Shapes.NetworkConfiguration;
import io.berth.events.Shapes.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One task set of a service with the EXTERNAL or CODE_DEPLOY deployment controller: a share of the
 * service's desired count ({@code scale} percent) run from its own task definition and launch. Its
 * id is a deployment id ({@code ecs-svc/} and 19 digits), the {@code startedBy} of its tasks, so the
 * reconciler tells its tasks apart as it tells deployments apart.
 *
 * @param status PRIMARY, ACTIVE, or DRAINING once deleted (it wants no task then)
 * @param computedDesiredCount ⌈desiredCount × scale / 100⌉ as of the last decision; 0 when DRAINING
 * @param stabilityStatus STEADY_STATE or STABILIZING
 */
public record TaskSet(String id, Status status, String taskDefinitionArn, String externalId, String launchType,
        List<CapacityProviderStrategyItem> capacityProviderStrategy, String platformVersion, String platformFamily,
        NetworkConfiguration networkConfiguration, List<LoadBalancer> loadBalancers, double scale,
        int computedDesiredCount, int pendingCount, int runningCount, String stabilityStatus,
        Instant stabilityStatusAt, List<Tag> tags, Instant createdAt, Instant updatedAt) {

    public static final String STEADY_STATE = "STEADY_STATE";
    public static final String STABILIZING = "STABILIZING";

    public enum Status { PRIMARY, ACTIVE, DRAINING }

    public TaskSet {
        if (!Deployment.isValidId(id)) {
            throw new IllegalArgumentException("Task set id must be ecs-svc/ and 19 digits: " + id);
        }
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(taskDefinitionArn, "taskDefinitionArn");
        Objects.requireNonNull(stabilityStatus, "stabilityStatus");
        capacityProviderStrategy = capacityProviderStrategy == null ? null : List.copyOf(capacityProviderStrategy);
        loadBalancers = loadBalancers == null ? List.of() : List.copyOf(loadBalancers);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** The tasks a set of {@code scale} percent wants of {@code desiredCount}: ECS rounds up. */
    public static int computedDesiredCount(int desiredCount, double scale) {
        // The product is rounded to a millionth first so that 3 × 33.333333 % is not 2 by a float's error.
        double exact = Math.round(desiredCount * scale * 10_000.0) / 1_000_000.0;
        return (int) Math.ceil(exact);
    }

    /** The tasks it wants of a service of {@code desiredCount}: none once it is deleted. */
    public int wanted(int desiredCount) {
        return status == Status.DRAINING ? 0 : computedDesiredCount(desiredCount, scale);
    }

    public boolean isPrimary() {
        return status == Status.PRIMARY;
    }

    TaskSet withStatus(Status value, Instant now) {
        return new TaskSet(id, value, taskDefinitionArn, externalId, launchType, capacityProviderStrategy,
                platformVersion, platformFamily, networkConfiguration, loadBalancers, scale,
                value == Status.DRAINING ? 0 : computedDesiredCount, pendingCount, runningCount, stabilityStatus,
                stabilityStatusAt, tags, createdAt, now);
    }

    TaskSet withScale(double value, Instant now) {
        return new TaskSet(id, status, taskDefinitionArn, externalId, launchType, capacityProviderStrategy,
                platformVersion, platformFamily, networkConfiguration, loadBalancers, value, computedDesiredCount,
                pendingCount, runningCount, stabilityStatus, stabilityStatusAt, tags, createdAt, now);
    }

    TaskSet withStability(String value, Instant now) {
        return new TaskSet(id, status, taskDefinitionArn, externalId, launchType, capacityProviderStrategy,
                platformVersion, platformFamily, networkConfiguration, loadBalancers, scale, computedDesiredCount,
                pendingCount, runningCount, value, now, tags, createdAt, now);
    }

    /** The counts a {@code ServiceTasksCounted} brought, as of {@code at}. */
    TaskSet counted(int desired, int pending, int running, Instant at) {
        return new TaskSet(id, status, taskDefinitionArn, externalId, launchType, capacityProviderStrategy,
                platformVersion, platformFamily, networkConfiguration, loadBalancers, scale, desired, pending, running,
                stabilityStatus, stabilityStatusAt, tags, createdAt, at);
    }

    /** The counts, touching {@code updatedAt} only when one of them changed. */
    TaskSet withCounts(int desired, int pending, int running, Instant now) {
        if (desired == computedDesiredCount && pending == pendingCount && running == runningCount) {
            return this;
        }
        return new TaskSet(id, status, taskDefinitionArn, externalId, launchType, capacityProviderStrategy,
                platformVersion, platformFamily, networkConfiguration, loadBalancers, scale, desired, pending, running,
                stabilityStatus, stabilityStatusAt, tags, createdAt, now);
    }
}
