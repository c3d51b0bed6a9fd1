package io.berth.scaling.service;

import io.berth.events.EventEnvelope;
import io.berth.events.ServiceEvent.DeploymentCompleted;
import io.berth.events.ServiceEvent.DeploymentFailed;
import io.berth.events.ServiceEvent.DeploymentStarted;
import io.berth.events.ServiceEvent.ServiceCreated;
import io.berth.events.ServiceEvent.ServiceDeleted;
import io.berth.events.ServiceEvent.ServiceMessageRecorded;
import io.berth.events.ServiceEvent.ServiceTagsChanged;
import io.berth.events.ServiceEvent.ServiceUpdated;
import io.berth.eventstore.EventContext;
import io.berth.eventstore.Inbox;
import io.berth.scaling.target.ScalableTargetView;
import io.berth.scaling.target.TargetCommand.ObserveDesiredCount;
import io.berth.scaling.target.TargetCommands;
import io.berth.eventstore.StreamId;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Follows the scheduler's service events: each service's desired count, status and deployments in
 * progress ({@link ServiceView}), and tells a service's scalable target when the service took the
 * desired count an activity asked for. Each event is applied once (inbox).
 */
@ApplicationScoped
public class ServiceEventsConsumer {

    static final String CONSUMER = "scaling-services";

    private final Inbox inbox;
    private final TargetCommands targets;

    public ServiceEventsConsumer(Inbox inbox, TargetCommands targets) {
        this.inbox = inbox;
        this.targets = targets;
    }

    @Incoming("service-events")
    @Blocking
    public void onServiceEvent(EventEnvelope event) {
        if (event == null) {
            return;
        }
        Optional<Integer> desired = QuarkusTransaction.requiringNew().call(() -> apply(event));
        if (desired.isEmpty()) {
            return;
        }
        String serviceArn = ((io.berth.events.ServiceEvent) event.payload()).serviceArn();
        Optional<StreamId> target = QuarkusTransaction.requiringNew().call(() -> ScalableTargetView
                .ofService(serviceArn).map(v -> new StreamId(io.berth.scaling.target.ScalableTargetProjection.STREAM_TYPE,
                        v.streamKey)));
        target.ifPresent(stream -> targets.handle(stream, new ObserveDesiredCount(desired.get(), event.occurredAt()),
                EventContext.causedBy(event)));
    }

    /** Applies the event to the view; the service's desired count when the event set it. */
    Optional<Integer> apply(EventEnvelope event) {
        Object payload = event.payload();
        if (payload instanceof ServiceMessageRecorded || payload instanceof ServiceTagsChanged
                || !inbox.firstDelivery(CONSUMER, event.eventId())) {
            return Optional.empty();
        }
        if (payload instanceof ServiceCreated created) {
            ServiceView view = ServiceView.findById(created.serviceArn());
            if (view == null) {
                view = new ServiceView();
                view.serviceArn = created.serviceArn();
            }
            view.clusterArn = created.clusterArn();
            view.account = event.account();
            view.region = event.region();
            view.desiredCount = created.desiredCount();
            view.status = "ACTIVE";
            view.deployments = "";
            view.persist();
            return Optional.of(created.desiredCount());
        }
        ServiceView view = payload instanceof io.berth.events.ServiceEvent service
                ? ServiceView.findById(service.serviceArn()) : null;
        if (view == null) {
            return Optional.empty();
        }
        if (payload instanceof ServiceUpdated updated && updated.desiredCount() != null) {
            view.desiredCount = updated.desiredCount();
            return Optional.of(updated.desiredCount());
        } else if (payload instanceof ServiceDeleted) {
            view.status = "INACTIVE";
        } else if (payload instanceof DeploymentStarted started) {
            view.deployments = withDeployment(view.deployments, started.deploymentId(), true);
        } else if (payload instanceof DeploymentCompleted completed) {
            view.deployments = withDeployment(view.deployments, completed.deploymentId(), false);
        } else if (payload instanceof DeploymentFailed failed) {
            view.deployments = withDeployment(view.deployments, failed.deploymentId(), false);
        }
        return Optional.empty();
    }

    private static String withDeployment(String deployments, String id, boolean add) {
        Set<String> ids = new LinkedHashSet<>(Arrays.asList(deployments.trim().split("\\s+")));
        ids.remove("");
        if (add) {
            ids.add(id);
        } else {
            ids.remove(id);
        }
        return String.join(" ", ids);
    }
}
