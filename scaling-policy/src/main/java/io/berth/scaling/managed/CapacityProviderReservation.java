package io.berth.scaling.managed;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ECS's CapacityProviderReservation metric of one capacity provider in one cluster (reference
 * autoscaling-groups.md §4.1–4.2): {@code M / N × 100}, N the provider's instances, M the
 * instances needed. Pure.
 *
 * <p>Without waiting tasks M is the instances that run at least one non-daemon task. With waiting
 * (PROVISIONING) tasks that some instance of the provider could hold, the provider has no room for
 * them, so M is N plus the instances they need: the tasks grouped by identical requirements,
 * packed first-fit onto instances of the largest shape among the provider's instances, that count
 * held within the scaling step sizes. A group that does not fit on even the smallest shape is not
 * compatible: it is left out and keeps waiting (ECS's sanity check). Before any instance has
 * registered no shape is known; the estimate is then the minimum step, the most a first scale-out
 * can know to ask for.
 */
public final class CapacityProviderReservation {

    /** What the metric needs of the provider's instances. */
    public record Instance(String ec2InstanceId, int cpu, int memory, boolean runsNonDaemonTask) {
    }

    /** {@code count} waiting tasks that each need {@code cpu} units and {@code memory} MiB. */
    public record WaitingTasks(int cpu, int memory, int count) {
    }

    /**
     * @param instancesNeeded M
     * @param instancesRunning N
     * @param reservation M / N × 100, rounded up; 200 when N = 0 and M > 0, 100 when both are 0
     * @param provisioningTasks every waiting task, compatible or not
     * @param incompatibleTasks waiting tasks no instance shape of the provider can hold
     * @param emptyInstances the EC2 instance ids of the instances that run no non-daemon task
     */
    public record Measurement(int instancesNeeded, int instancesRunning, int reservation, int provisioningTasks,
            int incompatibleTasks, List<String> emptyInstances) {
    }

    private CapacityProviderReservation() {
    }

    public static Measurement measure(ManagedScalingSettings settings, List<Instance> instances,
            List<WaitingTasks> waiting) {
        int running = instances.size();
        int busy = (int) instances.stream().filter(Instance::runsNonDaemonTask).count();
        List<String> empty = instances.stream().filter(i -> !i.runsNonDaemonTask()).map(Instance::ec2InstanceId)
                .toList();
        Map<List<Integer>, Integer> groups = new LinkedHashMap<>();
        waiting.forEach(w -> groups.merge(List.of(w.cpu(), w.memory()), w.count(), Integer::sum));
        int provisioning = groups.values().stream().mapToInt(Integer::intValue).sum();
        int incompatible = 0;
        int needed = busy;
        if (provisioning > 0) {
            int estimate;
            if (instances.isEmpty()) {
                estimate = settings.minimumScalingStepSize();
            } else {
                Instance smallest = instances.stream().min(Comparator.comparingLong(i -> (long) i.cpu() * i.memory()))
                        .orElseThrow();
                Instance largest = instances.stream().max(Comparator.comparingLong(i -> (long) i.cpu() * i.memory()))
                        .orElseThrow();
                List<WaitingTasks> compatible = new ArrayList<>();
                for (Map.Entry<List<Integer>, Integer> group : groups.entrySet()) {
                    WaitingTasks tasks = new WaitingTasks(group.getKey().get(0), group.getKey().get(1), group.getValue());
                    if (fits(tasks, smallest) && fits(tasks, largest)) {
                        compatible.add(tasks);
                    } else {
                        incompatible += tasks.count();
                    }
                }
                estimate = compatible.isEmpty() ? 0 : binpack(compatible, largest.cpu(), largest.memory());
            }
            if (estimate > 0) {
                needed = running + settings.step(estimate);
            }
        }
        return new Measurement(needed, running, reservation(needed, running), provisioning, incompatible, empty);
    }

    /** M / N × 100 with ECS's special cases. */
    static int reservation(int needed, int running) {
        if (running == 0) {
            return needed == 0 ? 100 : 200;
        }
        return (int) Math.ceil(needed * 100.0 / running);
    }

    private static boolean fits(WaitingTasks tasks, Instance instance) {
        return tasks.cpu() <= instance.cpu() && tasks.memory() <= instance.memory();
    }

    /** First-fit of every task, largest groups first, onto empty instances of one shape. */
    static int binpack(List<WaitingTasks> groups, int cpu, int memory) {
        List<int[]> bins = new ArrayList<>();
        List<WaitingTasks> ordered = new ArrayList<>(groups);
        ordered.sort(Comparator.comparingLong((WaitingTasks w) -> (long) w.cpu() * w.memory()).reversed());
        for (WaitingTasks group : ordered) {
            for (int n = 0; n < group.count(); n++) {
                int[] bin = bins.stream().filter(b -> b[0] >= group.cpu() && b[1] >= group.memory()).findFirst()
                        .orElse(null);
                if (bin == null) {
                    bin = new int[] {cpu, memory};
                    bins.add(bin);
                }
                bin[0] -= group.cpu();
                bin[1] -= group.memory();
            }
        }
        return bins.size();
    }
}
