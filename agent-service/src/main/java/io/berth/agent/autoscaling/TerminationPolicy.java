package io.berth.agent.autoscaling;

import io.berth.agent.autoscaling.GroupState.GroupInstance;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a group launches and what it terminates, as EC2 Auto Scaling's default policy does: launches go
 * to the zone with the fewest instances; a scale-in takes, one at a time, an instance from the zone with
 * the most instances, the oldest there first, never one protected from scale-in.
 */
final class TerminationPolicy {

    private TerminationPolicy() {
    }

    /** The zone the next launch goes to: the fewest instances, the first listed on a tie. */
    static String zoneForLaunch(List<String> zones, List<GroupInstance> active) {
        Map<String, Integer> counts = counts(active);
        return zones.stream().min(Comparator.comparingInt(z -> counts.getOrDefault(z, 0))).orElseThrow();
    }

    /** Up to {@code count} instances of {@code active} to terminate; fewer when the rest are protected. */
    static List<GroupInstance> victims(List<GroupInstance> active, int count) {
        List<GroupInstance> remaining = new ArrayList<>(active);
        List<GroupInstance> chosen = new ArrayList<>();
        while (chosen.size() < count) {
            Map<String, Integer> counts = counts(remaining);
            GroupInstance victim = remaining.stream().filter(i -> !i.protectedFromScaleIn())
                    .min(Comparator.<GroupInstance>comparingInt(i -> -counts.get(i.availabilityZone()))
                            .thenComparing(GroupInstance::launchedAt).thenComparing(GroupInstance::instanceId))
                    .orElse(null);
            if (victim == null) {
                break;
            }
            chosen.add(victim);
            remaining.remove(victim);
        }
        return chosen;
    }

    private static Map<String, Integer> counts(List<GroupInstance> instances) {
        Map<String, Integer> counts = new HashMap<>();
        instances.forEach(i -> counts.merge(i.availabilityZone(), 1, Integer::sum));
        return counts;
    }
}
