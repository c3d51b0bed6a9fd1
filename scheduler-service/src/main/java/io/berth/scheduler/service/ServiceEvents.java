package io.berth.scheduler.service;

import io.berth.events.ServiceEvent;
import io.berth.events.ServiceEvent.DeploymentCompleted;
import io.berth.events.ServiceEvent.DeploymentFailed;
import io.berth.events.ServiceEvent.DeploymentStarted;
import io.berth.events.ServiceEvent.ServiceMessageRecorded;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The deployment state changes of a decision and the service event messages it wrote, as the
 * events the gateway's stream and the scaling service follow.
 */
@ApplicationScoped
public class ServiceEvents {

    /** The messages {@code after} lists that {@code before} did not, oldest first, as events. */
    public List<ServiceEvent> messages(ServiceState before, ServiceState after) {
        Set<String> known = before == null ? Set.of()
                : before.events().stream().map(ServiceMessage::id).collect(Collectors.toSet());
        List<ServiceEvent> recorded = new ArrayList<>();
        for (ServiceMessage message : after.events()) {
            if (!known.contains(message.id())) {
                recorded.add(0, new ServiceMessageRecorded(after.spec().clusterArn(), after.spec().serviceArn(),
                        message.id(), message.message()));
            }
        }
        return recorded;
    }

    public List<ServiceEvent> of(ServiceState state, Decision decision) {
        String cluster = state.spec().clusterArn();
        String service = state.spec().serviceArn();
        List<ServiceEvent> events = new ArrayList<>();
        for (DeploymentChange change : decision.deploymentChanges()) {
            if (change instanceof DeploymentChange.Started started) {
                events.add(new DeploymentStarted(cluster, service, started.deployment().id(),
                        started.deployment().taskDefinitionArn(), started.deployment().desiredCount()));
            } else if (change instanceof DeploymentChange.RollbackStarted rollback) {
                events.add(new DeploymentStarted(cluster, service, rollback.deployment().id(),
                        rollback.deployment().taskDefinitionArn(), rollback.deployment().desiredCount()));
            } else if (change instanceof DeploymentChange.Completed completed) {
                events.add(new DeploymentCompleted(cluster, service, completed.deploymentId()));
            } else if (change instanceof DeploymentChange.Failed failed) {
                events.add(new DeploymentFailed(cluster, service, failed.deploymentId(), failed.reason(),
                        failed.rollbackDeploymentId()));
            }
        }
        return events;
    }
}
