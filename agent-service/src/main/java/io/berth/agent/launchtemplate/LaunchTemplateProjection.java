package io.berth.agent.launchtemplate;

import io.berth.events.AutoScalingEvent;
import io.berth.events.AutoScalingEvent.LaunchTemplateCreated;
import io.berth.events.EventEnvelope;
import io.berth.eventsourcing.Projection;
import io.berth.eventstore.JsonColumns;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/** Keeps {@link LaunchTemplateView} equal to the launch template streams folded by {@link LaunchTemplateDecider}. */
@ApplicationScoped
public class LaunchTemplateProjection implements Projection {

    public static final String STREAM_TYPE = "launch-template";
    static final LaunchTemplateDecider DECIDER = new LaunchTemplateDecider();

    @Override
    public String name() {
        return "launch-template-view";
    }

    @Override
    public Set<String> streamTypes() {
        return Set.of(STREAM_TYPE);
    }

    @Override
    public void reset() {
        LaunchTemplateView.deleteAll();
    }

    @Override
    public void apply(EventEnvelope envelope) {
        LaunchTemplateView view = LaunchTemplateView.findById(envelope.aggregateId());
        LaunchTemplateCreated after = DECIDER.evolve(view == null ? null : view.template(),
                (AutoScalingEvent) envelope.payload());
        if (after == null) {
            if (view != null) {
                view.delete();
            }
            return;
        }
        if (view == null) {
            view = new LaunchTemplateView();
            view.streamId = envelope.aggregateId();
            view.account = envelope.account();
            view.region = envelope.region();
        }
        view.launchTemplateId = after.launchTemplateId();
        view.name = after.launchTemplateName();
        view.version = envelope.aggregateVersion();
        view.state = JsonColumns.write(after);
        view.persist();
    }
}
