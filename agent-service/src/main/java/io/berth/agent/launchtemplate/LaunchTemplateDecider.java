package io.berth.agent.launchtemplate;

import io.berth.ecs.query.QueryException;
import io.berth.events.AutoScalingEvent;
import io.berth.events.AutoScalingEvent.LaunchTemplateCreated;
import io.berth.events.AutoScalingEvent.LaunchTemplateDeleted;
import io.berth.eventsourcing.Decider;
import java.util.List;

/**
 * An EC2 launch template, one stream per name: created once (a second create of the name is
 * {@code InvalidLaunchTemplateName.AlreadyExistsException}), deleted once. Berth keeps its first
 * version only.
 */
public final class LaunchTemplateDecider
        implements Decider<LaunchTemplateDecider.Command, AutoScalingEvent, LaunchTemplateCreated> {

    public sealed interface Command {
    }

    public record Create(LaunchTemplateCreated template) implements Command {
    }

    public record Delete() implements Command {
    }

    /** The state is the template as created; null while there is none. */
    @Override
    public LaunchTemplateCreated initialState() {
        return null;
    }

    @Override
    public List<AutoScalingEvent> decide(Command command, LaunchTemplateCreated state) {
        if (command instanceof Create create) {
            if (state != null) {
                throw new QueryException("InvalidLaunchTemplateName.AlreadyExistsException", "Launch template name"
                        + " already in use.");
            }
            return List.of(create.template());
        }
        if (state == null) {
            throw new QueryException("InvalidLaunchTemplateName.NotFoundException", "The specified launch template"
                    + " does not exist.");
        }
        return List.of(new LaunchTemplateDeleted(state.resourceArn(), state.launchTemplateId(),
                state.launchTemplateName()));
    }

    @Override
    public LaunchTemplateCreated evolve(LaunchTemplateCreated state, AutoScalingEvent event) {
        if (event instanceof LaunchTemplateCreated created) {
            return created;
        }
        return event instanceof LaunchTemplateDeleted ? null : state;
    }
}
