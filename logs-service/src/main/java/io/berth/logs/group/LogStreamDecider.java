package io.berth.logs.group;

import io.berth.events.LogsEvent;
import io.berth.events.LogsEvent.LogStreamCreated;
import io.berth.events.LogsEvent.LogStreamDeleted;
import io.berth.eventsourcing.Decider;
import io.berth.logs.LogsErrors;
import io.berth.logs.group.LogStreamCommand.CreateLogStream;
import java.util.List;

/**
 * The rules of one log stream: unique within the life of its group. Each stream is an aggregate of its own, so
 * that the many streams of one group (one per container of every task) are created without waiting for each other.
 */
public final class LogStreamDecider implements Decider<LogStreamCommand, LogsEvent, LogStreamState> {

    @Override
    public LogStreamState initialState() {
        return LogStreamState.NONE;
    }

    @Override
    public List<LogsEvent> decide(LogStreamCommand command, LogStreamState state) {
        boolean exists = state.existsIn(command.logGroupIncarnation());
        if (command instanceof CreateLogStream create) {
            if (exists) {
                throw LogsErrors.streamExists();
            }
            return List.of(new LogStreamCreated(create.logGroupArn(), create.logStreamName(), create.creationTime(),
                    create.logGroupIncarnation()));
        }
        if (!exists) {
            throw LogsErrors.streamNotFound();
        }
        return List.of(new LogStreamDeleted(command.logGroupArn(), command.logStreamName()));
    }

    @Override
    public LogStreamState evolve(LogStreamState state, LogsEvent event) {
        if (event instanceof LogStreamCreated created) {
            return new LogStreamState(true, created.logGroupIncarnation());
        }
        if (event instanceof LogStreamDeleted) {
            return new LogStreamState(false, state.logGroupIncarnation());
        }
        return state;
    }
}
