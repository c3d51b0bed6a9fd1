package io.berth.scaling.target;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.ecs.Caller;
import io.berth.events.EventEnvelope;
import io.berth.events.EventJson;
import io.berth.events.ScalingEvent;
import io.berth.events.ScalingEvent.DesiredCountAdjusted;
import io.berth.events.SchedulerCommand;
import io.berth.events.SchedulerCommand.ManageService;
import io.berth.eventstore.DeciderRunner;
import io.berth.eventstore.EventContext;
import io.berth.eventstore.EventStore;
import io.berth.eventstore.ProjectionRebuilder;
import io.berth.eventstore.StreamId;
import io.berth.eventstore.StreamVersionConflictException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * Runs a command against a scalable target and, in the same transaction, applies its events to the
 * projection and sends the scheduler an UpdateService for every desired count it adjusted, so the
 * activity and the change it asks for are committed (and published through the outbox) together.
 */
@ApplicationScoped
public class TargetCommands {

    private static final ScalableTargetDecider DECIDER = new ScalableTargetDecider();
    private static final int ATTEMPTS = 3;

    private final DeciderRunner runner;
    private final EventStore store;
    private final ProjectionRebuilder projections;
    private final ScalableTargetProjection projection;

    public TargetCommands(DeciderRunner runner, EventStore store, ProjectionRebuilder projections,
            ScalableTargetProjection projection) {
        this.runner = runner;
        this.store = store;
        this.projections = projections;
        this.projection = projection;
    }

    /** The stream of the target that scales {@code resourceId}'s {@code dimension} in the caller's account and region. */
    public static StreamId stream(Caller caller, String namespace, String resourceId, String dimension) {
        return new StreamId(ScalableTargetProjection.STREAM_TYPE,
                caller.account() + ":" + caller.region() + ":" + namespace + ":" + resourceId + ":" + dimension);
    }

    public List<EventEnvelope> handle(StreamId stream, TargetCommand command, EventContext context) {
        for (int attempt = 1; ; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(() -> {
                    List<EventEnvelope> events = runner.handle(DECIDER, ScalingEvent.class, stream, command, context);
                    for (EventEnvelope event : events) {
                        projections.applyIfNew(projection, event);
                        if (event.payload() instanceof DesiredCountAdjusted adjusted) {
                            store.append(new StreamId(SchedulerCommand.STREAM_TYPE, UUID.randomUUID().toString()), 0,
                                    List.of(updateService(adjusted)), EventContext.causedBy(event));
                        }
                    }
                    return events;
                });
            } catch (StreamVersionConflictException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** The state of a target, read from its stream. */
    public ScalableTargetState load(StreamId stream) {
        return runner.load(DECIDER, ScalingEvent.class, stream);
    }

    private static ManageService updateService(DesiredCountAdjusted adjusted) {
        ObjectNode request = EventJson.mapper().createObjectNode();
        request.put("cluster", adjusted.clusterArn());
        request.put("service", adjusted.serviceArn());
        request.put("desiredCount", adjusted.toCount());
        return new ManageService(adjusted.clusterArn(), "UpdateService", request, null);
    }
}
