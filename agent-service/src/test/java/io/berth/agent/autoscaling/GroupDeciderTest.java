package io.berth.agent.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.agent.autoscaling.GroupCommand.AdjustCapacity;
import io.berth.agent.autoscaling.GroupCommand.Converge;
import io.berth.agent.autoscaling.GroupCommand.CreateGroup;
import io.berth.agent.autoscaling.GroupCommand.DeleteGroup;
import io.berth.agent.autoscaling.GroupCommand.FinishTermination;
import io.berth.agent.autoscaling.GroupCommand.LaunchData;
import io.berth.agent.autoscaling.GroupCommand.MarkInService;
import io.berth.agent.autoscaling.GroupCommand.SetDesiredCapacity;
import io.berth.agent.autoscaling.GroupCommand.SetProtection;
import io.berth.agent.autoscaling.GroupCommand.TerminateInstance;
import io.berth.agent.autoscaling.GroupCommand.UpdateGroup;
import io.berth.agent.autoscaling.GroupState.GroupInstance;
import io.berth.ecs.query.QueryException;
import io.berth.events.AutoScalingEvent;
import io.berth.events.AutoScalingEvent.AutoScalingGroupDeleted;
import io.berth.events.AutoScalingEvent.GroupInstanceLaunching;
import io.berth.events.AutoScalingEvent.GroupInstanceTerminating;
import io.berth.events.AutoScalingEvent.GroupSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class GroupDeciderTest {

    static final String ARN = "arn:aws:autoscaling:us-east-1:000000000000:autoScalingGroup:"
            + "5f1c2b3a-0d9e-4f8a-b7c6-d5e4f3a2b1c0:autoScalingGroupName/web";
    static final Instant T0 = Instant.parse("2026-12-05T09:00:00Z");
    static final LaunchData LAUNCH = new LaunchData("m5.large", "prod", "simulated");

    final GroupDecider decider = new GroupDecider();
    final AtomicLong sequence = new AtomicLong();
    GroupState state = GroupState.NONE;

    static GroupSettings settings(int min, int max, int desired, boolean protectNew) {
        return new GroupSettings("lt-0a1b2c3d4e5f60718", "hosts", "$Latest", min, max, desired,
                List.of("us-east-1a", "us-east-1b", "us-east-1c"), null, protectNew, 300, "EC2", 0);
    }

    List<AutoScalingEvent> when(GroupCommand command) {
        List<AutoScalingEvent> events = decider.decide(command, state);
        state = decider.fold(state, events);
        return events;
    }

    Converge converge(boolean draining, Instant at) {
        return new Converge(LAUNCH, draining, () -> new UUID(sequence.incrementAndGet(), 0), at);
    }

    /** Converges, then every launched instance registers. */
    void converged(Instant at) {
        when(converge(false, at));
        state.instances().stream().filter(i -> GroupState.PENDING.equals(i.lifecycleState())).toList()
                .forEach(i -> when(new MarkInService(i.instanceId(), "arn:ci/" + i.instanceId(), at)));
    }

    void created(int min, int max, int desired, boolean protectNew) {
        when(new CreateGroup(ARN, "web", settings(min, max, desired, protectNew), List.of(), T0));
    }

    static void rejected(Runnable decision, String code, String message) {
        assertThatThrownBy(decision::run).isInstanceOfSatisfying(QueryException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).isEqualTo(message);
            assertThat(e.status()).isEqualTo(400);
        });
    }

    Map<String, Long> perZone() {
        return state.active().stream().collect(Collectors.groupingBy(GroupInstance::availabilityZone,
                Collectors.counting()));
    }

    @Test
    void sizesMustHoldMinDesiredMaxWithAutoScalingsMessages() {
        rejected(() -> when(new CreateGroup(ARN, "web", settings(1, 3, 5, false), List.of(), T0)),
                "ValidationError", "Desired capacity:5 must be between the specified min size:1 and max size:3");
        rejected(() -> when(new CreateGroup(ARN, "web", settings(4, 3, 4, false), List.of(), T0)),
                "ValidationError", "Max bound, 3, must be greater than or equal to min bound, 4");
        created(1, 3, 2, false);
        rejected(() -> when(new CreateGroup(ARN, "web", settings(1, 3, 2, false), List.of(), T0)),
                "AlreadyExists", "AutoScalingGroup by this name already exists - A group with the name web already"
                        + " exists");
        rejected(() -> when(new SetDesiredCapacity(4, T0)), "ValidationError",
                "New SetDesiredCapacity value 4 is above max value 3 for the AutoScalingGroup.");
        rejected(() -> when(new SetDesiredCapacity(0, T0)), "ValidationError",
                "New SetDesiredCapacity value 0 is below min value 1 for the AutoScalingGroup.");
        assertThat(state.settings().desiredCapacity()).isEqualTo(2);
    }

    @Test
    void updatingMinOrMaxMovesTheDesiredCapacityAlong() {
        created(1, 5, 2, false);
        when(new UpdateGroup(Optional.of(3), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), T0));
        assertThat(state.settings().desiredCapacity()).isEqualTo(3);
        when(new UpdateGroup(Optional.of(0), Optional.of(1), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), T0));
        assertThat(state.settings().desiredCapacity()).isEqualTo(1);
        assertThat(state.cause()).contains("to min: 0, max: 1, desired: 1 changing the desired capacity from 3 to 1");
        rejected(() -> when(new UpdateGroup(Optional.empty(), Optional.empty(), Optional.of(2), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), T0)), "ValidationError",
                "Desired capacity:2 must be between the specified min size:0 and max size:1");
    }

    @Test
    void launchesSpreadOverTheZonesAndGoInServiceWhenRegistered() {
        created(0, 10, 5, true);
        List<AutoScalingEvent> events = when(converge(false, T0.plusSeconds(1)));
        assertThat(events).hasSize(5).allSatisfy(e -> assertThat(e).isInstanceOfSatisfying(
                GroupInstanceLaunching.class, launching -> {
                    assertThat(launching.instanceType()).isEqualTo("m5.large");
                    assertThat(launching.clusterName()).isEqualTo("prod");
                    assertThat(launching.protectedFromScaleIn()).isTrue();
                    assertThat(launching.cause()).startsWith("At 2026-12-05T09:00:00Z a user request created an"
                            + " AutoScalingGroup changing the desired capacity from 0 to 5.  At 2026-12-05T09:00:01Z"
                            + " an instance was started in response to a difference between desired and running"
                            + " capacity, increasing the capacity from 0 to 5.");
                }));
        assertThat(perZone()).containsEntry("us-east-1a", 2L).containsEntry("us-east-1b", 2L)
                .containsEntry("us-east-1c", 1L);
        assertThat(when(converge(false, T0.plusSeconds(2)))).as("Pending instances count").isEmpty();
        GroupInstance first = state.instances().get(0);
        when(new MarkInService(first.instanceId(), "arn:ci/1", T0));
        assertThat(state.instance(first.instanceId()).orElseThrow().lifecycleState()).isEqualTo("InService");
        assertThat(when(new MarkInService(first.instanceId(), "arn:ci/1", T0))).as("again: nothing").isEmpty();
    }

    @Test
    void scaleInTakesFromTheBiggestZoneOldestFirstAndSkipsProtectedInstances() {
        created(0, 10, 3, false);
        converged(T0);
        when(new SetDesiredCapacity(5, T0));
        converged(T0.plusSeconds(10));
        // a, b, c from the first launch; a and b again later; the oldest (in a) is protected.
        List<GroupInstance> oldest = state.instances().subList(0, 3);
        when(new SetProtection(List.of(oldest.get(0).instanceId()), true));
        when(new SetDesiredCapacity(2, T0.plusSeconds(20)));
        List<AutoScalingEvent> events = when(converge(false, T0.plusSeconds(21)));
        List<String> victims = events.stream().map(e -> ((GroupInstanceTerminating) e).instanceId()).toList();
        // a and b have two each: b's oldest goes first, then a's unprotected one, then, zones even, the oldest (c).
        GroupInstance youngerA = state.instances().get(3);
        assertThat(youngerA.availabilityZone()).isEqualTo("us-east-1a");
        assertThat(victims).containsExactly(oldest.get(1).instanceId(), youngerA.instanceId(),
                oldest.get(2).instanceId());
        assertThat(state.active()).hasSize(2);
        assertThat(state.instances()).filteredOn(GroupInstance::terminating).hasSize(3);
        assertThat(when(converge(false, T0.plusSeconds(22)))).as("terminating ones are not chosen again").isEmpty();
        victims.forEach(id -> when(new FinishTermination(id, T0.plusSeconds(23))));
        assertThat(state.instances()).hasSize(2);
    }

    @Test
    void whenEveryInstanceIsProtectedTheDesiredCapacityStaysAboveTheCount() {
        created(0, 10, 2, true);
        converged(T0);
        when(new SetDesiredCapacity(0, T0));
        assertThat(when(converge(false, T0.plusSeconds(1)))).isEmpty();
        assertThat(state.active()).hasSize(2);
    }

    @Test
    void aTerminatedInstanceIsReplacedUnlessTheCapacityIsDecremented() {
        created(1, 4, 2, false);
        converged(T0);
        GroupInstance first = state.instances().get(0);
        when(new TerminateInstance(first.instanceId(), false, true, "a-1", T0.plusSeconds(5)));
        assertThat(state.instance(first.instanceId()).orElseThrow().draining()).isTrue();
        assertThat(when(converge(false, T0.plusSeconds(6)))).singleElement()
                .isInstanceOf(GroupInstanceLaunching.class);
        GroupInstance second = state.instances().get(1);
        when(new TerminateInstance(second.instanceId(), true, false, "a-2", T0.plusSeconds(7)));
        assertThat(state.settings().desiredCapacity()).isEqualTo(1);
        assertThat(when(converge(false, T0.plusSeconds(8)))).isEmpty();
        rejected(() -> when(new TerminateInstance(second.instanceId(), true, false, "a-3", T0)),
                "ScalingActivityInProgress", "Instance " + second.instanceId() + " is already being terminated.");
        GroupInstance third = state.active().get(0);
        rejected(() -> when(new TerminateInstance(third.instanceId(), true, false, "a-4", T0)), "ValidationError",
                "Currently, desiredCapacity=1 and minSize=1; terminating instance " + third.instanceId()
                        + " and decrementing the desired capacity would go below the group's minimum size.");
        rejected(() -> when(new TerminateInstance("i-nope", false, false, "a-5", T0)), "ValidationError",
                "Instance Id not found - No managed instance found for instance ID: i-nope");
    }

    @Test
    void managedScalingIsClampedAndItsCandidatesAloneLoseTheirProtection() {
        created(1, 4, 3, true);
        converged(T0);
        String empty = state.instances().get(2).instanceId();
        List<AutoScalingEvent> events = when(new AdjustCapacity(2, List.of(empty), "cp", "CapacityProviderReservation"
                + " 67 below target 100", T0.plusSeconds(60)));
        assertThat(events).hasSize(2);
        assertThat(state.settings().desiredCapacity()).isEqualTo(2);
        assertThat(state.cause()).contains("capacity provider cp (CapacityProviderReservation 67 below target 100)"
                + " changed the desired capacity from 3 to 2.");
        List<AutoScalingEvent> scaleIn = when(converge(true, T0.plusSeconds(61)));
        assertThat(scaleIn).singleElement().isInstanceOfSatisfying(GroupInstanceTerminating.class, t -> {
            assertThat(t.instanceId()).isEqualTo(empty);
            assertThat(t.draining()).isTrue();
            assertThat(t.cause()).contains("CapacityProviderReservation 67 below target 100");
        });
        assertThat(when(new AdjustCapacity(2, List.of(empty), "cp", "again", T0))).as("a redelivery").isEmpty();
        when(new AdjustCapacity(9, null, "cp", "CapacityProviderReservation 200 above target 100", T0));
        assertThat(state.settings().desiredCapacity()).as("ECS never changes MaxSize").isEqualTo(4);
    }

    @Test
    void deletingNeedsForceWhileInstancesRemainAndEndsWhenTheyAreGone() {
        created(0, 3, 2, true);
        converged(T0);
        rejected(() -> when(new DeleteGroup(false, T0)), "ResourceInUse", "You cannot delete an AutoScalingGroup"
                + " while there are instances or pending Spot instance request(s) still in the group.");
        when(new DeleteGroup(true, T0));
        List<AutoScalingEvent> terminations = when(converge(true, T0.plusSeconds(1)));
        assertThat(terminations).hasSize(2).allSatisfy(e -> assertThat(((GroupInstanceTerminating) e).draining())
                .as("a forced delete does not wait").isFalse());
        List<String> ids = state.instances().stream().map(GroupInstance::instanceId).toList();
        when(new FinishTermination(ids.get(0), T0));
        List<AutoScalingEvent> last = when(new FinishTermination(ids.get(1), T0));
        assertThat(last).last().isInstanceOf(AutoScalingGroupDeleted.class);
        assertThat(state.exists()).isFalse();
        created(0, 1, 0, false);
        assertThat(state.exists()).as("the name is free again").isTrue();
    }

    @Test
    void anEmptyGroupIsDeletedAtOnce() {
        created(0, 3, 0, false);
        assertThat(when(new DeleteGroup(false, T0))).singleElement().isInstanceOf(AutoScalingGroupDeleted.class);
        rejected(() -> when(new SetDesiredCapacity(1, T0)), "ValidationError",
                "AutoScalingGroup name not found - AutoScalingGroup not found");
    }

    @Test
    void withoutALaunchableTemplateNothingIsLaunched() {
        created(0, 3, 2, false);
        assertThat(decider.decide(new Converge(null, false, UUID::randomUUID, T0), state)).isEmpty();
    }

    @Test
    void protectionNamesOnlyTheGroupsInstances() {
        created(0, 3, 1, false);
        converged(T0);
        rejected(() -> when(new SetProtection(List.of("i-other"), true)), "ValidationError",
                "The instance i-other is not part of Auto Scaling group web.");
        List<String> ids = new ArrayList<>(state.instances().stream().map(GroupInstance::instanceId).toList());
        when(new SetProtection(ids, true));
        assertThat(state.instances()).allMatch(GroupInstance::protectedFromScaleIn);
    }
}
