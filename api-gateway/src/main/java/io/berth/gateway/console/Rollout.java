package io.berth.gateway.console;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A service's history as charts: how many tasks of the newest deployment and of the older ones
 * ran at each moment, against the band {@code minimumHealthyPercent} and {@code maximumPercent}
 * of the desired count allow (ECS rounds the floor up and the ceiling down), with each circuit
 * breaker trip marked; and desired against running, which is what scaling changes.
 */
public final class Rollout {

    public static final String NEW = "#1a73e8";
    public static final String OLD = "#f29900";
    public static final String BAND = "#5f6368";
    public static final String TRIP = "#d93025";

    /** What the scheduler recorded of a service, in the order it happened. */
    public sealed interface Moment permits Started, Counted, Failed, Removed {

        Instant at();
    }

    public record Started(Instant at, String deploymentId, int desiredCount) implements Moment {
    }

    /**
     * Running and desired tasks of the deployments whose counts changed then (the scheduler records
     * only what changed; the others kept theirs).
     */
    public record Counted(Instant at, Map<String, int[]> deployments) implements Moment {
    }

    /** A deployment left the service: none of its tasks is left. */
    public record Removed(Instant at, String deploymentId) implements Moment {
    }

    public record Failed(Instant at, String deploymentId, String reason, String rollbackDeploymentId)
            implements Moment {
    }

    private Rollout() {
    }

    /** New and old running tasks against the band, with trips, from the first moment to {@code now}. */
    public static TimeChart band(List<Moment> history, int minimumHealthyPercent, int maximumPercent, Instant now) {
        List<TimeChart.Point> fresh = new ArrayList<>();
        List<TimeChart.Point> old = new ArrayList<>();
        List<TimeChart.Point> floor = new ArrayList<>();
        List<TimeChart.Point> ceiling = new ArrayList<>();
        List<TimeChart.Mark> trips = new ArrayList<>();
        Fold fold = new Fold();
        for (int i = 0; i < history.size(); i++) {
            Moment moment = history.get(i);
            if (moment instanceof Failed failed) {
                trips.add(new TimeChart.Mark(failed.at(), "circuit breaker: " + failed.reason(), TRIP));
            }
            if (fold.apply(moment) && settled(history, i) && fold.newest != null) {
                int want = fold.desired();
                fresh.add(new TimeChart.Point(moment.at(), fold.running(true)));
                old.add(new TimeChart.Point(moment.at(), fold.running(false)));
                floor.add(new TimeChart.Point(moment.at(), Math.ceil(want * minimumHealthyPercent / 100.0)));
                ceiling.add(new TimeChart.Point(moment.at(), Math.floor(want * maximumPercent / 100.0)));
            }
        }
        return TimeChart.of(List.of(
                new TimeChart.Series("maximum (" + maximumPercent + "%)", BAND, true, true, ceiling),
                new TimeChart.Series("minimum healthy (" + minimumHealthyPercent + "%)", BAND, true, true, floor),
                new TimeChart.Series("old deployments running", OLD, true, false, old),
                new TimeChart.Series("newest deployment running", NEW, true, false, fresh)),
                trips, first(history, now), now);
    }

    /** The service's desired count against its running tasks over time. */
    public static TimeChart counts(List<Moment> history, List<TimeChart.Mark> activities, Instant now) {
        List<TimeChart.Point> desired = new ArrayList<>();
        List<TimeChart.Point> running = new ArrayList<>();
        Fold fold = new Fold();
        for (int i = 0; i < history.size(); i++) {
            Moment moment = history.get(i);
            if (fold.apply(moment) && settled(history, i) && fold.newest != null) {
                desired.add(new TimeChart.Point(moment.at(), fold.desired()));
                running.add(new TimeChart.Point(moment.at(), fold.running(true) + fold.running(false)));
            }
        }
        return TimeChart.of(List.of(new TimeChart.Series("desired", BAND, true, true, desired),
                new TimeChart.Series("running", NEW, true, false, running)), activities, first(history, now), now);
    }

    /** The deployments' counts as the moments so far leave them; the newest started deployment is the primary. */
    private static final class Fold {

        private final Map<String, int[]> deployments = new LinkedHashMap<>();
        private String newest;

        /** Whether the moment changed the counts. */
        boolean apply(Moment moment) {
            if (moment instanceof Started started) {
                newest = started.deploymentId();
                deployments.putIfAbsent(newest, new int[] {0, started.desiredCount()});
                return true;
            }
            if (moment instanceof Counted counted) {
                deployments.putAll(counted.deployments());
                return true;
            }
            if (moment instanceof Removed removed) {
                return deployments.remove(removed.deploymentId()) != null;
            }
            return false;
        }

        int desired() {
            int[] primary = deployments.get(newest);
            return primary == null ? 0 : primary[1];
        }

        int running(boolean ofNewest) {
            return deployments.entrySet().stream().filter(d -> d.getKey().equals(newest) == ofNewest)
                    .mapToInt(d -> d.getValue()[0]).sum();
        }
    }

    /**
     * Whether the {@code i}th moment is the last of its instant: one decision records several events
     * at once (a deployment started, another removed, the counts), and only where they leave the
     * service is a point; the states between them never existed.
     */
    private static boolean settled(List<Moment> history, int i) {
        return i + 1 == history.size() || !history.get(i + 1).at().equals(history.get(i).at());
    }

    private static Instant first(List<Moment> history, Instant now) {
        return history.isEmpty() ? now.minusSeconds(60) : history.get(0).at();
    }
}
