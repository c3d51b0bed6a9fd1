package io.berth.agent.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.berth.agent.instance.InstanceCommand.ChangeStatus;
import io.berth.agent.instance.InstanceCommand.DeregisterInstance;
import io.berth.agent.instance.InstanceCommand.RegisterInstance;
import io.berth.ecs.EcsException;
import io.berth.events.ContainerInstanceEvent;
import io.berth.events.ContainerInstanceEvent.InstanceDeregistered;
import io.berth.events.ContainerInstanceEvent.InstanceRegistered;
import io.berth.events.ContainerInstanceEvent.InstanceStatusChanged;
import io.berth.events.Shapes.Attribute;
import io.berth.events.Shapes.Resource;
import java.util.List;
import org.junit.jupiter.api.Test;

class InstanceDeciderTest {

    static final String CLUSTER = "arn:aws:ecs:us-east-1:000000000000:cluster/c";
    static final String ARN = "arn:aws:ecs:us-east-1:000000000000:container-instance/c/0123456789abcdef0123456789abcdef";
    static final List<Resource> RESOURCES = List.of(new Resource("CPU", "INTEGER", 2048L, null),
            new Resource("MEMORY", "INTEGER", 4096L, null));
    static final List<Attribute> ATTRIBUTES = List.of(new Attribute("ecs.instance-type", "t3.medium", null, null));

    final InstanceDecider decider = new InstanceDecider();

    static RegisterInstance register(boolean clusterActive, List<Resource> resources) {
        return new RegisterInstance(ARN, CLUSTER, clusterActive, "i-1", null, resources, ATTRIBUTES, null, List.of());
    }

    InstanceState registered() {
        return decider.fold(decider.initialState(), decider.decide(register(true, RESOURCES), decider.initialState()));
    }

    static void rejected(Runnable decision, String code, String message) {
        assertThatThrownBy(decision::run).isInstanceOfSatisfying(EcsException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    @Test
    void aRegisteredInstanceIsActiveConnectedAndAtVersionOne() {
        List<ContainerInstanceEvent> events = decider.decide(register(true, RESOURCES), decider.initialState());
        assertThat(events).containsExactly(new InstanceRegistered(CLUSTER, ARN, "i-1", null, RESOURCES, ATTRIBUTES,
                null, List.of()));
        InstanceState state = registered();
        assertThat(state.status()).isEqualTo("ACTIVE");
        assertThat(state.agentConnected()).isTrue();
        assertThat(state.version()).isEqualTo(1);
    }

    @Test
    void registeringNeedsAnActiveClusterAndCpuAndMemory() {
        rejected(() -> decider.decide(register(false, RESOURCES), decider.initialState()),
                "ClusterNotFoundException", "Cluster not found.");
        rejected(() -> decider.decide(register(true, List.of(new Resource("CPU", "INTEGER", 1024L, null))),
                decider.initialState()), "InvalidParameterException", "totalResources must include MEMORY.");
        rejected(() -> decider.decide(register(true, List.of(new Resource("CPU", "INTEGER", 0L, null),
                        new Resource("MEMORY", "INTEGER", 1L, null))), decider.initialState()),
                "InvalidParameterException", "totalResources CPU must be a positive integer.");
    }

    @Test
    void reRegisteringARegisteredInstanceChangesNothing() {
        assertThat(decider.decide(register(true, RESOURCES), registered())).isEmpty();
    }

    static Attribute named(String name) {
        return new Attribute(name, null, null, null);
    }

    static RegisterInstance reporting(List<Attribute> attributes) {
        return new RegisterInstance(ARN, CLUSTER, true, "i-1", null, RESOURCES, attributes, null, List.of());
    }

    @Test
    void anAgentThatRegistersAgainReplacesItsCapabilitiesAndKeepsCustomAttributes() {
        List<Attribute> before = List.of(new Attribute("ecs.instance-type", "t3.medium", null, null),
                named("ecs.capability.task-eni"), named("com.amazonaws.ecs.capability.docker-remote-api.1.17"),
                new Attribute("rack", "r1", null, null));
        InstanceState state = decider.fold(decider.initialState(), decider.decide(reporting(before),
                decider.initialState()));
        state = decider.fold(state, decider.decide(new InstanceCommand.PutAttributes(ARN,
                List.of(new Attribute("stack", "prod", null, null))), state));

        List<ContainerInstanceEvent> events = decider.decide(reporting(List.of(named("ecs.capability.task-eni"),
                named("ecs.capability.container-health-check"))), state);

        assertThat(events).singleElement().isInstanceOfSatisfying(
                ContainerInstanceEvent.InstanceAttributesChanged.class, changed -> assertThat(changed.attributes())
                        .containsExactlyInAnyOrder(new Attribute("ecs.instance-type", "t3.medium", null, null),
                                named("ecs.capability.task-eni"), new Attribute("rack", "r1", null, null),
                                new Attribute("stack", "prod", null, null),
                                named("ecs.capability.container-health-check")));
    }

    @Test
    void builtInAttributesNeverCountTowardTheTenCustomOnes() {
        List<Attribute> attributes = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            attributes.add(named((i % 2 == 0 ? "ecs.capability.c" : "com.amazonaws.ecs.capability.c") + i));
        }
        for (int i = 0; i < 9; i++) {
            attributes.add(new Attribute("custom" + i, "v", null, null));
        }
        InstanceState state = decider.fold(decider.initialState(), decider.decide(reporting(attributes),
                decider.initialState()));
        InstanceState ten = decider.fold(state, decider.decide(new InstanceCommand.PutAttributes(ARN,
                List.of(new Attribute("custom9", "v", null, null))), state));
        assertThat(ten.attributes()).hasSize(60);
        assertThatThrownBy(() -> decider.decide(new InstanceCommand.PutAttributes(ARN,
                List.of(new Attribute("custom10", "v", null, null))), ten))
                .isInstanceOfSatisfying(EcsException.class,
                        e -> assertThat(e.code()).isEqualTo("AttributeLimitExceededException"));
    }

    @Test
    void drainingAndBackAndDeregistering() {
        InstanceState draining = decider.fold(registered(),
                decider.decide(new ChangeStatus(ARN, "DRAINING"), registered()));
        assertThat(draining.status()).isEqualTo("DRAINING");
        assertThat(draining.version()).isEqualTo(2);
        assertThat(decider.decide(new ChangeStatus(ARN, "DRAINING"), draining)).isEmpty();
        assertThat(decider.decide(new ChangeStatus(ARN, "ACTIVE"), draining))
                .containsExactly(new InstanceStatusChanged(CLUSTER, ARN, "ACTIVE", null));
        rejected(() -> decider.decide(new ChangeStatus(ARN, "INACTIVE"), draining), "InvalidParameterException",
                "Container instance status must be ACTIVE or DRAINING.");

        InstanceState gone = decider.fold(draining, decider.decide(new DeregisterInstance(ARN, false, 0), draining));
        assertThat(gone.status()).isEqualTo("INACTIVE");
        assertThat(gone.isRegistered()).isFalse();
        rejected(() -> decider.decide(new ChangeStatus(ARN, "ACTIVE"), gone), "InvalidParameterException",
                "The referenced container instance " + ARN + " is not registered.");
    }

    @Test
    void runningTasksForbidADeregistrationWithoutForce() {
        rejected(() -> decider.decide(new DeregisterInstance(ARN, false, 2), registered()),
                "InvalidParameterException", "Found running tasks on the instance.");
        assertThat(decider.decide(new DeregisterInstance(ARN, true, 2), registered()))
                .containsExactly(new InstanceDeregistered(CLUSTER, ARN, true));
    }
}
