package io.berth.scaling.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.ecs.EcsException;
import io.berth.events.EventJson;
import io.berth.events.ScalingEvent;
import io.berth.events.ScalingEvent.DesiredCountAdjusted;
import io.berth.events.ScalingEvent.NotScaledReason;
import io.berth.events.ScalingEvent.ScalableTargetRegistered;
import io.berth.events.ScalingEvent.ScalingActivityCompleted;
import io.berth.events.ScalingEvent.ScalingActivityRecorded;
import io.berth.events.ScalingEvent.ScheduledActionExecuted;
import io.berth.events.Shapes.Tag;
import io.berth.scaling.policy.ScalingValidationException;
import io.berth.scaling.target.TargetCommand.ObserveDesiredCount;
import io.berth.scaling.target.TargetCommand.PutPolicy;
import io.berth.scaling.target.TargetCommand.PutScheduledAction;
import io.berth.scaling.target.TargetCommand.Register;
import io.berth.scaling.target.TargetCommand.RunScheduledAction;
import io.berth.scaling.target.TargetCommand.Scale;
import io.berth.scaling.target.TargetCommand.TagTarget;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScalableTargetDeciderTest {

    static final String CLUSTER = "arn:aws:ecs:eu-west-1:000000000000:cluster/shop";
    static final String SERVICE = "arn:aws:ecs:eu-west-1:000000000000:service/shop/web";
    static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    final ScalableTargetDecider decider = new ScalableTargetDecider();
    ScalableTargetState state = decider.initialState();

    List<ScalingEvent> run(TargetCommand command) {
        List<ScalingEvent> events = decider.decide(command, state);
        state = decider.fold(state, events);
        return events;
    }

    static Register register(Integer min, Integer max, int current) {
        return new Register("arn:target/1", CLUSTER, SERVICE, "ecs", "service/shop/web", "ecs:service:DesiredCount",
                min, max, null, null, true, null, List.of(), current, "activity-r", T0);
    }

    @Test
    void registeringInsideTheRangeLeavesTheDesiredCountAlone() {
        assertThat(run(register(1, 5, 3))).singleElement().isInstanceOf(ScalableTargetRegistered.class);
        assertThat(state.serviceArn).isEqualTo(SERVICE);
        assertThat(state.suspendedState.dynamicScalingOutSuspended()).isTrue();
        assertThat(state.creationTime).isEqualTo(T0);
    }

    @Test
    void registeringClampsTheDesiredCountIntoTheRange() {
        List<ScalingEvent> events = run(register(4, 6, 1));
        assertThat(events).hasSize(3);
        assertThat(events.get(1)).isInstanceOfSatisfying(ScalingActivityRecorded.class, a -> {
            assertThat(a.statusCode()).isEqualTo("InProgress");
            assertThat(a.cause()).isEqualTo("minimum capacity was set to 4");
        });
        assertThat(events.get(2)).isInstanceOfSatisfying(DesiredCountAdjusted.class, a -> {
            assertThat(a.fromCount()).isEqualTo(1);
            assertThat(a.toCount()).isEqualTo(4);
        });
        assertThat(state.pending).extracting(ScalableTargetState.PendingActivity::toCount).containsExactly(4);

        assertThat(run(new ObserveDesiredCount(4, T0.plusSeconds(1)))).singleElement()
                .isInstanceOfSatisfying(ScalingActivityCompleted.class, c -> assertThat(c.statusCode())
                        .isEqualTo("Successful"));
        assertThat(state.pending).isEmpty();
        assertThat(run(new ObserveDesiredCount(4, T0.plusSeconds(2)))).isEmpty();
    }

    @Test
    void registeringAgainKeepsWhatTheRequestLeavesOut() {
        run(register(1, 5, 3));
        run(new Register("arn:target/other", CLUSTER, SERVICE, "ecs", "service/shop/web", "ecs:service:DesiredCount",
                null, 9, null, null, null, null, List.of(new Tag("a", "b")), 3, "x", T0.plusSeconds(5)));
        assertThat(state.scalableTargetArn).isEqualTo("arn:target/1");
        assertThat(state.minCapacity).isEqualTo(1);
        assertThat(state.maxCapacity).isEqualTo(9);
        assertThat(state.suspendedState.dynamicScalingOutSuspended()).isTrue();
        assertThat(state.creationTime).isEqualTo(T0);
        assertThat(state.tags).containsExactly(new Tag("a", "b"));
    }

    @Test
    void aFirstRegistrationNeedsBothBoundsInOrder() {
        assertThatThrownBy(() -> run(register(null, 5, 1))).isInstanceOf(EcsException.class)
                .hasMessageContaining("MinCapacity and MaxCapacity are required");
        assertThatThrownBy(() -> run(register(6, 5, 1))).isInstanceOf(ScalingValidationException.class)
                .hasMessageContaining("MinCapacity (6) must not be greater than MaxCapacity (5)");
        assertThatThrownBy(() -> run(new PutPolicy("p", "cpu", "StepScaling", config(), List.of(), T0)))
                .isInstanceOfSatisfying(EcsException.class, e -> assertThat(e.code())
                        .isEqualTo("ObjectNotFoundException"));
    }

    @Test
    void aTargetHoldsAtMostFiftyPolicies() {
        run(register(1, 5, 3));
        for (int i = 0; i < ScalableTargetDecider.MAX_POLICIES; i++) {
            run(new PutPolicy("arn" + i, "p" + i, "StepScaling", config(), List.of(), T0));
        }
        run(new PutPolicy("arn-new", "p0", "StepScaling", config(), List.of(), T0));
        assertThat(state.policies.get("p0").policyArn()).isEqualTo("arn0");
        assertThatThrownBy(() -> run(new PutPolicy("arn", "one-more", "StepScaling", config(), List.of(), T0)))
                .isInstanceOfSatisfying(EcsException.class, e -> assertThat(e.code())
                        .isEqualTo("LimitExceededException"));
    }

    @Test
    void aScheduledActionRunsOncePerDueTimeAndMovesTheRange() {
        run(register(1, 5, 3));
        run(new PutScheduledAction("arn:a", "night", "cron(0 22 * * ? *)", null, null, null, 4, null, T0));
        Instant due = T0.plusSeconds(3600);
        List<ScalingEvent> events = run(new RunScheduledAction("night", due, 3, "activity-1", due));
        assertThat(events.get(0)).isInstanceOfSatisfying(ScheduledActionExecuted.class, e -> {
            assertThat(e.minCapacity()).isEqualTo(4);
            assertThat(e.maxCapacity()).isEqualTo(5);
        });
        assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(DesiredCountAdjusted.class,
                a -> assertThat(a.toCount()).isEqualTo(4)));
        assertThat(run(new RunScheduledAction("night", due, 4, "activity-2", due))).isEmpty();
        assertThat(state.minCapacity).isEqualTo(4);
    }

    @Test
    void theSameRefusalIsRecordedOnceAndALaterScaleOverridesWhatStillWaits() {
        run(register(1, 5, 3));
        List<NotScaledReason> atMax = List.of(new NotScaledReason("AlreadyAtMaxCapacity", 5, 1, 5));
        assertThat(run(new Scale(5, 5, "alarm high", "cpu", 0, atMax, "n1", T0))).hasSize(1);
        assertThat(run(new Scale(5, 5, "alarm high", "cpu", 0, atMax, "n2", T0.plusSeconds(60)))).isEmpty();

        run(new Scale(3, 4, "alarm high", "cpu", 60, List.of(), "s1", T0.plusSeconds(120)));
        List<ScalingEvent> second = run(new Scale(4, 5, "alarm high", "cpu", 60, List.of(), "s2", T0.plusSeconds(180)));
        assertThat(second.get(0)).isInstanceOfSatisfying(ScalingActivityCompleted.class, c -> {
            assertThat(c.activityId()).isEqualTo("s1");
            assertThat(c.statusCode()).isEqualTo("Overridden");
        });
        assertThat(state.cooldowns.lastScaleOut().toCapacity()).isEqualTo(5);
        assertThat(state.cooldowns.lastScaleOut().cooldownSeconds()).isEqualTo(60);
        assertThat(run(new Scale(5, 5, "alarm high", "cpu", 0, atMax, "n3", T0.plusSeconds(240)))).hasSize(1);
    }

    @Test
    void tagsMergeUpToFifty() {
        run(register(1, 5, 3));
        List<Tag> fifty = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            fifty.add(new Tag("k" + i, "v"));
        }
        run(new TagTarget(fifty));
        run(new TagTarget(List.of(new Tag("k0", "changed"))));
        assertThat(state.tags).hasSize(50).contains(new Tag("k0", "changed"));
        assertThatThrownBy(() -> run(new TagTarget(List.of(new Tag("k50", "v")))))
                .isInstanceOfSatisfying(EcsException.class, e -> assertThat(e.code()).isEqualTo("TooManyTagsException"));
    }

    static ObjectNode config() {
        return EventJson.mapper().createObjectNode().put("AdjustmentType", "ChangeInCapacity");
    }
}
