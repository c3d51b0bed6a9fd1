package io.berth.agent.task;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The version each report stream reached with the last report this service committed to it, so that
 * the next report of a task (or utilization round of an instance) is numbered without reading the
 * stream's version first. Only a hint: the event store checks every expected version under the
 * stream's lock, so an entry that is stale (another writer got in, a reset forgot the stream) costs a
 * conflict and a retry that reads the version, never a wrong version. The least recently used
 * entries beyond {@code limit} are dropped (their next report reads its version as before).
 * Thread-safe.
 */
final class ReportedVersions {

    private final Map<String, Long> versions;

    ReportedVersions(int limit) {
        this.versions = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                return size() > limit;
            }
        };
    }

    /** The versions known of {@code streams}; streams not known are left out. */
    synchronized Map<String, Long> of(Collection<String> streams) {
        Map<String, Long> known = new HashMap<>();
        for (String stream : streams) {
            Long version = versions.get(stream);
            if (version != null) {
                known.put(stream, version);
            }
        }
        return known;
    }

    /** Streams that reached these versions by a committed write; a version never goes back. */
    synchronized void reached(Map<String, Long> reached) {
        reached.forEach((stream, version) -> versions.merge(stream, version, Math::max));
    }

    /** Streams whose versions are not to be trusted any more (a conflict), or that ended. */
    synchronized void forget(Collection<String> streams) {
        streams.forEach(versions::remove);
    }

    synchronized void clear() {
        versions.clear();
    }

    synchronized int size() {
        return versions.size();
    }
}
