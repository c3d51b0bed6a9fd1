package io.berth.scaling.service;

import io.berth.events.EventEnvelope;
import io.berth.events.ServiceEvent;
import io.berth.events.ServiceEvent.DeploymentCompleted;
import io.berth.events.ServiceEvent.DeploymentFailed;
import io.berth.events.ServiceEvent.DeploymentStarted;
import io.berth.events.ServiceEvent.ServiceCreated;
import io.berth.events.ServiceEvent.ServiceDeleted;
import io.berth.events.ServiceEvent.ServiceUpdated;
import io.berth.eventstore.Delivery;
import io.berth.eventstore.EventConsumer;
import io.berth.eventstore.EventConsumer.Selection;
import io.berth.eventstore.EventContext;
import io.berth.eventstore.StreamId;
import io.berth.scaling.target.ScalableTargetProjection;
import io.berth.scaling.target.ScalableTargetView;
import io.berth.scaling.target.TargetCommand.ObserveDesiredCount;
import io.berth.scaling.target.TargetCommands;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Follows the scheduler's service events: each service's desired count, status and deployments in
 * progress ({@link ServiceView}), and tells a service's scalable target when the service took the
 * desired count an activity asked for. Each event is applied once (inbox).
 */
@ApplicationScoped
public class ServiceEventsConsumer {

    static final String CONSUMER = "scaling-services";
    /** What the view follows; service messages and tags do not concern it. */
    static final Selection<ServiceEvent> FOLLOWED = Selection.of(ServiceEvent.class, ServiceCreated.class,
            ServiceUpdated.class, ServiceDeleted.class, DeploymentStarted.class, DeploymentCompleted.class,
            DeploymentFailed.class);

    private final EventConsumer consumer;
    private final TargetCommands targets;

    public ServiceEventsConsumer(EventConsumer consumer, TargetCommands targets) {
        this.consumer = consumer;
        this.targets = targets;
    }

    @Incoming("service-events")
    @Blocking(EventConsumer.WORKERS)
    public void onServiceEvent(ConsumerRecord<String, EventEnvelope> record) {
        consumer.consumeUntilApplied(CONSUMER, record, FOLLOWED, fresh -> {
            Delivery<ServiceEvent> delivery = fresh.get(0);
            Optional<Integer> desired = apply(delivery.envelope(), delivery.event());
            // The target's own command runs in a transaction of its own, once the view has committed.
            return desired.isEmpty() ? EventConsumer.NOTHING_LEFT
                    : () -> observe(delivery.envelope(), delivery.event().serviceArn(), desired.get());
        });
    }

    private void observe(EventEnvelope event, String serviceArn, int desired) {
        Optional<StreamId> target = QuarkusTransaction.requiringNew().call(() -> ScalableTargetView
                .ofService(serviceArn).map(v -> new StreamId(ScalableTargetProjection.STREAM_TYPE, v.streamKey)));
        target.ifPresent(stream -> targets.handle(stream, new ObserveDesiredCount(desired, event.occurredAt()),
                EventContext.causedBy(event)));
    }

    /** Applies the event to the view; the service's desired count when the event set it. */
    static Optional<Integer> apply(EventEnvelope event, ServiceEvent payload) {
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
        ServiceView view = ServiceView.findById(payload.serviceArn());
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
