package io.berth.placement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.berth.placement.Instances.arn;
import static io.berth.placement.Instances.instance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterIndexTest {

    private static TaskPlacement task(String taskArn, String id, String group, int cpu, int memory, Set<Integer> tcp,
            Set<Integer> udp) {
        return new TaskPlacement(taskArn, arn(id), Optional.ofNullable(group), cpu, memory, tcp, udp);
    }

    @ParameterizedTest(name = "task cpu {0} memory {1} tcp {2} udp {3}: add reserves, remove restores")
    @CsvSource({
            "256,  512,  80,   53",
            "1024, 4096, 8080, 5353",
            "0,    0,    443,  123",
    })
    void addThenRemoveRestoresResourcesAndPorts(int cpu, int memory, int tcp, int udp) {
        ClusterIndex index = Instances.cluster(instance("a"));
        InstanceState before = index.instance(arn("a")).orElseThrow();

        index.addTask(task("t1", "a", "family:web", cpu, memory, Set.of(tcp), Set.of(udp)));
        InstanceState during = index.instance(arn("a")).orElseThrow();

        assertThat(during.remainingCpu()).isEqualTo(4096 - cpu);
        assertThat(during.remainingMemory()).isEqualTo(8192 - memory);
        assertThat(during.reservedTcpPorts()).contains(tcp).containsAll(Instances.AGENT_PORTS);
        assertThat(during.reservedUdpPorts()).containsExactly(udp);
        assertThat(during.runningTasksCount()).isEqualTo(1);
        assertThat(during.groupCounts()).containsExactly(Map.entry("family:web", 1));
        assertThat(index.groupCounts("family:web")).containsExactly(Map.entry(arn("a"), 1));
        assertThat(index.withRemainingCpuAtLeast(4096 - cpu)).extracting(InstanceState::arn).containsExactly(arn("a"));

        index.removeTask("t1");

        assertThat(index.instance(arn("a"))).contains(before);
        assertThat(index.groupCounts("family:web")).isEmpty();
        assertThat(index.tasksOfGroup("family:web")).isEmpty();
    }

    /** The draws of a random placement (ADR 0078) read the i-th instance in ARN order, whatever came and went. */
    @Test
    void thePositionsFollowTheArnOrderThroughChanges() {
        ClusterIndex index = new ClusterIndex();
        for (String id : new String[] {"m", "c", "x", "a", "q", "f"}) {
            index.upsertInstance(instance(id).build());
        }
        index.removeInstance(arn("x"));
        index.removeInstance(arn("a"));
        index.upsertInstance(instance("b").build());
        index.addTask(task("t1", "q", "family:web", 256, 512, Set.of(), Set.of()));
        index.upsertInstance(instance("m").remaining(128, 256).build());

        List<InstanceState> inOrder = List.copyOf(index.instances());
        assertThat(inOrder).extracting(s -> Instances.id(s.arn())).containsExactly("b", "c", "f", "m", "q");
        for (int i = 0; i < index.size(); i++) {
            assertThat(index.instanceAt(i)).isSameAs(inOrder.get(i));
        }
    }

    @ParameterizedTest(name = "agent port {0} stays reserved when a task that listed it stops")
    @CsvSource({"22", "51678"})
    void agentPortsStayReserved(int port) {
        ClusterIndex index = Instances.cluster(instance("a"));
        index.addTask(task("t1", "a", null, 0, 0, Set.of(port), Set.of()));
        index.removeTask("t1");

        assertThat(index.instance(arn("a")).orElseThrow().reservedTcpPorts()).contains(port);
    }

    @Test
    void addingTheSameTaskTwiceReservesOnce() {
        ClusterIndex index = Instances.cluster(instance("a"));
        index.addTask(task("t1", "a", "g", 100, 100, Set.of(), Set.of()));
        index.addTask(task("t1", "a", "g", 100, 100, Set.of(), Set.of()));
        index.removeTask("unknown");

        assertThat(index.instance(arn("a")).orElseThrow().remainingCpu()).isEqualTo(3996);
    }

    @Test
    void attributeIndexFollowsChanges() {
        ClusterIndex index = Instances.cluster(instance("a").attribute("rack", "r1"), instance("b").attribute("rack", "r2"));

        index.setAttributes(arn("a"), Map.of("rack", "r2"));

        assertThat(index.withAttribute("rack", "r1")).isEmpty();
        assertThat(index.withAttribute("rack", "r2")).containsExactly(arn("a"), arn("b"));
        assertThat(index.withAttribute(InstanceState.AVAILABILITY_ZONE)).containsExactly(arn("b"));

        index.removeInstance(arn("b"));

        assertThat(index.withAttribute("rack")).containsExactly(arn("a"));
        assertThat(index.size()).isEqualTo(1);
    }

    @Test
    void statusAgentAndCapacityProviderUpdates() {
        ClusterIndex index = Instances.cluster(instance("a").capacityProviderName("cp1"));

        index.setStatus(arn("a"), InstanceStatus.DRAINING);
        index.setAgentConnected(arn("a"), false);

        InstanceState a = index.instance(arn("a")).orElseThrow();
        assertThat(a.status()).isEqualTo(InstanceStatus.DRAINING);
        assertThat(a.agentConnected()).isFalse();
        assertThat(index.ofCapacityProvider("cp1")).containsExactly(arn("a"));
        assertThatThrownBy(() -> index.setStatus(arn("zz"), InstanceStatus.ACTIVE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void reRegistrationKeepsTheTasksReservations() {
        ClusterIndex index = Instances.cluster(instance("a"));
        index.addTask(task("t1", "a", "family:web", 1000, 2000, Set.of(80), Set.of()));

        index.upsertInstance(instance("a").registered(8192, 16384).attribute("rack", "r9").build());

        InstanceState a = index.instance(arn("a")).orElseThrow();
        assertThat(a.remainingCpu()).isEqualTo(7192);
        assertThat(a.remainingMemory()).isEqualTo(14384);
        assertThat(a.reservedTcpPorts()).contains(80);
        assertThat(a.groupCount("family:web")).isEqualTo(1);
        assertThat(index.withAttribute("rack", "r9")).containsExactly(arn("a"));
    }

    @Test
    void removingAnInstanceForgetsItsTasks() {
        ClusterIndex index = Instances.cluster(instance("a"), instance("b"));
        Instances.run(index, "a", "service:web", 2);
        Instances.run(index, "b", "service:web", 1);

        index.removeInstance(arn("a"));

        assertThat(index.tasksOfGroup("service:web")).hasSize(1);
        assertThat(index.groupCounts("service:web")).containsOnlyKeys(arn("b"));
        assertThat(index.isEmpty()).isFalse();
    }
}
