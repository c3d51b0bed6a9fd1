package io.berth.scheduler.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which running tasks to stop when the reconciler has more than it needs. The reconciler already
 * prefers tasks of older deployments and tasks not yet running; the chooser only picks among running
 * tasks of one kind. The scheduler plugs in the placement engine's {@code ScaleIn}, which reads the
 * service's placement strategies the other way round.
 */
@FunctionalInterface
public interface ScaleInChooser {

    /**
     * @param candidates running tasks, in task ARN order
     * @param howMany how many to stop, at most {@code candidates.size()}
     * @return the ARNs of the tasks to stop, the first chosen first; ARNs that are not candidates are
     *     ignored and a short answer is completed in candidate order
     */
    List<String> choose(List<ServiceTask> candidates, int howMany);

    /**
     * The default strategy's instance spread read backwards: each stop takes from the instance that
     * has the most of the candidates left; ties go to the lower instance ARN, then task ARN.
     */
    static ScaleInChooser fromFullestInstance() {
        return (candidates, howMany) -> {
            Map<String, List<ServiceTask>> byInstance = new HashMap<>();
            candidates.forEach(t -> byInstance.computeIfAbsent(String.valueOf(t.containerInstanceArn()),
                    k -> new ArrayList<>()).add(t));
            List<String> chosen = new ArrayList<>();
            for (int i = 0; i < howMany && !byInstance.isEmpty(); i++) {
                String fullest = byInstance.entrySet().stream()
                        .max(Comparator.<Map.Entry<String, List<ServiceTask>>>comparingInt(e -> e.getValue().size())
                                .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                        .orElseThrow().getKey();
                List<ServiceTask> there = byInstance.get(fullest);
                chosen.add(there.remove(0).taskArn());
                if (there.isEmpty()) {
                    byInstance.remove(fullest);
                }
            }
            return chosen;
        };
    }
}
