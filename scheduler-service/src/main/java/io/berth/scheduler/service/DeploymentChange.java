package io.berth.scheduler.service;

import java.time.Instant;

/**
 * A change of the service's deployments, to publish (they map onto the {@code DeploymentStarted},
 * {@code DeploymentCompleted} and {@code DeploymentFailed} service events and the ECS
 * {@code SERVICE_DEPLOYMENT_*} notifications). The state after them is in the decision.
 */
public sealed interface DeploymentChange {

    String deploymentId();

    /** CreateService or an UpdateService that starts a deployment: a new PRIMARY. */
    record Started(Deployment deployment) implements DeploymentChange {
        @Override
        public String deploymentId() {
            return deployment.id();
        }
    }

    /**
     * The circuit breaker rolled back: {@code deployment} is the new PRIMARY, running the task
     * definition of {@code restoredDeploymentId}, the last deployment that completed.
     */
    record RollbackStarted(Deployment deployment, String failedDeploymentId, String restoredDeploymentId)
            implements DeploymentChange {
        @Override
        public String deploymentId() {
            return deployment.id();
        }
    }

    /** The PRIMARY reached its desired count of healthy tasks with no other deployment left. */
    record Completed(String deploymentId, Instant at) implements DeploymentChange {
    }

    /**
     * The circuit breaker failed the PRIMARY.
     *
     * @param rollbackDeploymentId the deployment that rolls back, or null without rollback
     */
    record Failed(String deploymentId, String reason, String rollbackDeploymentId, Instant at)
            implements DeploymentChange {
    }

    /** An older deployment has no task left: INACTIVE, and gone from the list. */
    record Removed(String deploymentId, Instant at) implements DeploymentChange {
    }
}
