package io.berth.logs.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.ecs.EcsException;
import io.berth.events.LogsEvent;
import io.berth.events.LogsEvent.LogStreamCreated;
import io.berth.logs.group.LogStreamCommand.CreateLogStream;
import io.berth.logs.group.LogStreamCommand.DeleteLogStream;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogStreamDeciderTest {

    private static final String GROUP = "arn:aws:logs:us-east-1:000000000000:log-group:/ecs/web";
    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

    private final LogStreamDecider decider = new LogStreamDecider();

    @Test
    void aStreamIsUniqueWithinOneLifeOfItsGroup() {
        List<LogsEvent> created = decider.decide(new CreateLogStream(GROUP, "web/a/1", 1, T0),
                decider.initialState());
        assertThat(created).containsExactly(new LogStreamCreated(GROUP, "web/a/1", T0, 1));
        LogStreamState state = decider.fold(decider.initialState(), created);
        assertThatThrownBy(() -> decider.decide(new CreateLogStream(GROUP, "web/a/1", 1, T0), state))
                .isInstanceOfSatisfying(EcsException.class, e -> {
                    assertThat(e.code()).isEqualTo("ResourceAlreadyExistsException");
                    assertThat(e.getMessage()).isEqualTo("The specified log stream already exists");
                });
        assertThat(decider.decide(new CreateLogStream(GROUP, "web/a/1", 2, T0), state))
                .as("the group was deleted and created again: its old streams went with it").hasSize(1);
    }

    @Test
    void deletingAStreamOfAnEarlierLifeOfTheGroupFindsNothing() {
        LogStreamState state = decider.fold(decider.initialState(), List.of(new LogStreamCreated(GROUP, "s", T0, 1)));
        assertThat(decider.decide(new DeleteLogStream(GROUP, "s", 1), state)).hasSize(1);
        assertThatThrownBy(() -> decider.decide(new DeleteLogStream(GROUP, "s", 2), state))
                .isInstanceOfSatisfying(EcsException.class,
                        e -> assertThat(e.getMessage()).isEqualTo("The specified log stream does not exist."));
    }
}
