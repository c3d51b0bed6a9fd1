package io.berth.scheduler.reconcile;

import io.berth.scheduler.service.ServiceTask;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The tasks of one cluster's services, by task group, as the task projection holds them: what a
 * reconciliation pass gives the {@code Reconciler}, without reading the rows. Each task carries the
 * version of its stream, so a change that arrives after a newer one (two transactions announcing
 * in the other order, or a change the load already saw) is ignored.
 */
final class ServiceTaskIndex {

    /**
     * One task as the pass needs it.
     *
     * @param capacityProvider the provider it was launched on, counted by the strategy's base and weights
     * @param stoppedAt when it stopped; null while it has not
     * @param version the last event of its stream this holds
     */
    record Entry(ServiceTask task, String capacityProvider, Instant stoppedAt, long version) {
    }

    private final Map<String, Map<String, Entry>> groups = new HashMap<>();

    /** Holds {@code entry} in {@code group} unless the task is already held at this version or a later one. */
    void put(String group, Entry entry) {
        groups.computeIfAbsent(group, g -> new HashMap<>()).merge(entry.task().taskArn(), entry,
                (held, offered) -> offered.version() > held.version() ? offered : held);
    }

    /**
     * The group's tasks that had not stopped before {@code since}; those that had are forgotten, as
     * the projection's retention deletes their rows.
     */
    List<Entry> of(String group, Instant since) {
        Map<String, Entry> tasks = groups.get(group);
        if (tasks == null) {
            return List.of();
        }
        List<Entry> kept = new ArrayList<>(tasks.size());
        for (Iterator<Entry> it = tasks.values().iterator(); it.hasNext(); ) {
            Entry entry = it.next();
            if (entry.stoppedAt() != null && entry.stoppedAt().isBefore(since)) {
                it.remove();
            } else {
                kept.add(entry);
            }
        }
        return kept;
    }
}
