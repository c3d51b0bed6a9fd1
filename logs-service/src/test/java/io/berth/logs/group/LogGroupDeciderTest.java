package io.berth.logs.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.ecs.EcsException;
import io.berth.events.LogsEvent;
import io.berth.events.LogsEvent.LogGroupCreated;
import io.berth.events.LogsEvent.LogGroupDeleted;
import io.berth.events.LogsEvent.LogGroupDeletionProtectionChanged;
import io.berth.events.LogsEvent.LogGroupRetentionPut;
import io.berth.events.LogsEvent.LogGroupTagsChanged;
import io.berth.events.Shapes.Tag;
import io.berth.logs.group.LogGroupCommand.CreateLogGroup;
import io.berth.logs.group.LogGroupCommand.DeleteLogGroup;
import io.berth.logs.group.LogGroupCommand.PutDeletionProtection;
import io.berth.logs.group.LogGroupCommand.PutRetentionPolicy;
import io.berth.logs.group.LogGroupCommand.TagLogGroup;
import io.berth.logs.group.LogGroupCommand.UntagLogGroup;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LogGroupDeciderTest {

    private static final String ARN = "arn:aws:logs:us-east-1:000000000000:log-group:/ecs/web";
    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");
    private static final CreateLogGroup CREATE = new CreateLogGroup(ARN, "/ecs/web", T0, "STANDARD", null, false,
            List.of(new Tag("team", "a")));

    private final LogGroupDecider decider = new LogGroupDecider();

    private LogGroupState after(List<LogsEvent> events) {
        return decider.fold(decider.initialState(), events);
    }

    private List<LogsEvent> created() {
        return new ArrayList<>(decider.decide(CREATE, decider.initialState()));
    }

    @Test
    void aGroupIsCreatedOnceAndAgainAfterItsDeletionAsItsNextLife() {
        List<LogsEvent> history = created();
        assertThat(history).containsExactly(new LogGroupCreated(ARN, "/ecs/web", 1, T0, "STANDARD", null, false,
                List.of(new Tag("team", "a"))));
        assertThatThrownBy(() -> decider.decide(CREATE, after(history))).isInstanceOfSatisfying(EcsException.class,
                e -> assertThat(e.code()).isEqualTo("ResourceAlreadyExistsException"));
        history.addAll(decider.decide(new DeleteLogGroup(ARN), after(history)));
        assertThat(history.get(1)).isEqualTo(new LogGroupDeleted(ARN, "/ecs/web"));
        List<LogsEvent> again = decider.decide(CREATE, after(history));
        assertThat(((LogGroupCreated) again.get(0)).incarnation()).isEqualTo(2);
    }

    @Test
    void changesToAMissingGroupAreRefusedAsCloudWatchRefusesThem() {
        assertThatThrownBy(() -> decider.decide(new PutRetentionPolicy(ARN, 7), decider.initialState()))
                .isInstanceOfSatisfying(EcsException.class, e -> {
                    assertThat(e.code()).isEqualTo("ResourceNotFoundException");
                    assertThat(e.getMessage()).isEqualTo("The specified log group does not exist.");
                });
    }

    @Test
    void retentionAndTagsRecordOnlyChanges() {
        List<LogsEvent> history = created();
        history.addAll(decider.decide(new PutRetentionPolicy(ARN, 7), after(history)));
        assertThat(history).last().isEqualTo(new LogGroupRetentionPut(ARN, 7));
        assertThat(decider.decide(new PutRetentionPolicy(ARN, 7), after(history))).isEmpty();
        assertThat(decider.decide(new TagLogGroup(ARN, List.of(new Tag("env", "prod"))), after(history)))
                .containsExactly(new LogGroupTagsChanged(ARN, List.of(new Tag("team", "a"), new Tag("env", "prod"))));
        assertThat(decider.decide(new UntagLogGroup(ARN, List.of("absent")), after(history))).isEmpty();
    }

    @Test
    void moreThanFiftyTagsAreTooMany() {
        List<LogsEvent> history = created();
        List<Tag> fifty = IntStream.range(0, 50).mapToObj(i -> new Tag("k" + i, "v")).toList();
        assertThatThrownBy(() -> decider.decide(new TagLogGroup(ARN, fifty), after(history)))
                .isInstanceOfSatisfying(EcsException.class,
                        e -> assertThat(e.code()).isEqualTo("TooManyTagsException"));
    }

    @Test
    void aProtectedGroupIsNotDeleted() {
        List<LogsEvent> history = created();
        history.addAll(decider.decide(new PutDeletionProtection(ARN, true), after(history)));
        assertThat(history).last().isEqualTo(new LogGroupDeletionProtectionChanged(ARN, true));
        assertThatThrownBy(() -> decider.decide(new DeleteLogGroup(ARN), after(history)))
                .isInstanceOfSatisfying(EcsException.class, e -> {
                    assertThat(e.code()).isEqualTo("ValidationException");
                    assertThat(e.getMessage()).contains("deletion protection");
                });
    }
}
