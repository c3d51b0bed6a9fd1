package io.berth.placement;

import io.berth.ecs.EcsErrors;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which tasks of a group to stop when it shrinks, by the same strategies read the other way
 * round: binpack stops the task on the instance that would have the most of the resource left
 * afterwards; spread takes from the value with the most tasks of the group (keeping the balance);
 * random takes any. As for placement, the first strategy decides, later ones break its ties, and a
 * seeded pick settles the rest. Each stop is counted before the next is chosen.
 */
public final class ScaleIn {

    private static final String ABSENT = "\u0000absent";

    private ScaleIn() {
    }

    /**
     * @param strategies the group's strategies; empty means the defaults of
     *     {@link PlacementRequest#defaultStrategies}
     * @return the ARNs of the tasks to stop, in the order chosen; fewer when the group is smaller
     */
    public static List<String> choose(ClusterIndex index, String group, List<Strategy> strategies, int howMany,
            long seed) {
        if (howMany < 0) {
            throw EcsErrors.invalidParameter("The number of tasks to stop can not be negative.");
        }
        List<Strategy> effective = strategies.isEmpty()
                ? PlacementRequest.defaultStrategies(Optional.of(group)) : List.copyOf(strategies);
        List<TaskPlacement> remaining = new ArrayList<>(index.tasksOfGroup(group));
        Map<String, int[]> released = new HashMap<>();
        List<String> chosen = new ArrayList<>();
        for (int round = 0; round < howMany && !remaining.isEmpty(); round++) {
            Map<String, Integer> perInstance = new HashMap<>();
            remaining.forEach(t -> perInstance.merge(t.instanceArn(), 1, Integer::sum));
            List<Map<String, Integer>> perValue = new ArrayList<>();
            for (Strategy s : effective) {
                Map<String, Integer> counts = new HashMap<>();
                if (s instanceof Strategy.Spread spread && !spread.byInstance()) {
                    perInstance.forEach((arn, n) -> counts.merge(valueOf(index, arn, spread.attribute()), n, Integer::sum));
                }
                perValue.add(counts);
            }
            long[] best = null;
            List<TaskPlacement> ties = new ArrayList<>();
            for (TaskPlacement task : remaining) {
                long[] scores = new long[effective.size()];
                for (int i = 0; i < scores.length; i++) {
                    scores[i] = score(effective.get(i), task, index, released, perInstance, perValue.get(i), seed, round);
                }
                int cmp = best == null ? -1 : compare(scores, best);
                if (cmp < 0) {
                    best = scores;
                    ties.clear();
                }
                if (cmp <= 0) {
                    ties.add(task);
                }
            }
            TaskPlacement stop = ties.get((int) Math.floorMod(PlacementEngine.mix(seed ^ PlacementEngine.mix(round + 1L)),
                    (long) ties.size()));
            remaining.remove(stop);
            int[] freed = released.computeIfAbsent(stop.instanceArn(), k -> new int[2]);
            freed[0] += stop.cpu();
            freed[1] += stop.memory();
            chosen.add(stop.taskArn());
        }
        return chosen;
    }

    /** Lower scores are stopped first. */
    private static long score(Strategy s, TaskPlacement task, ClusterIndex index, Map<String, int[]> released,
            Map<String, Integer> perInstance, Map<String, Integer> perValue, long seed, int round) {
        if (s instanceof Strategy.Binpack binpack) {
            InstanceState state = index.instance(task.instanceArn()).orElseThrow();
            int[] freed = released.getOrDefault(task.instanceArn(), new int[2]);
            long leftAfter = binpack.resource() == Strategy.Resource.CPU
                    ? (long) state.remainingCpu() + freed[0] + task.cpu()
                    : (long) state.remainingMemory() + freed[1] + task.memory();
            return -leftAfter;
        }
        if (s instanceof Strategy.Spread spread) {
            return spread.byInstance()
                    ? -perInstance.get(task.instanceArn())
                    : -perValue.get(valueOf(index, task.instanceArn(), spread.attribute()));
        }
        return PlacementEngine.mix(seed + 31L * round + task.taskArn().hashCode());
    }

    private static String valueOf(ClusterIndex index, String arn, String attribute) {
        return index.instance(arn).flatMap(i -> i.attribute(attribute)).orElse(ABSENT);
    }

    private static int compare(long[] a, long[] b) {
        for (int i = 0; i < a.length; i++) {
            int c = Long.compare(a[i], b[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
