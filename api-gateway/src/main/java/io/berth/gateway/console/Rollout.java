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
    public sealed interface Moment permits Started, Counted, Failed {

        Instant at();
    }

    public record Started(Instant at, String deploymentId, int desiredCount) implements Moment {
    }

    /** The tasks each deployment had then: running and desired. */
    public record Counted(Instant at, Map<String, int[]> deployments) implements Moment {
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
        String newest = null;
        Map<String, Integer> desired = new LinkedHashMap<>();
        for (Moment moment : history) {
            if (moment instanceof Started started) {
                newest = started.deploymentId();
                desired.put(newest, started.desiredCount());
            } else if (moment instanceof Failed failed) {
                trips.add(new TimeChart.Mark(failed.at(), "circuit breaker: " + failed.reason(), TRIP));
            } else if (moment instanceof Counted counted && newest != null) {
                int newRunning = 0;
                int oldRunning = 0;
                for (Map.Entry<String, int[]> deployment : counted.deployments().entrySet()) {
                    if (deployment.getKey().equals(newest)) {
                        newRunning = deployment.getValue()[0];
                        desired.put(newest, deployment.getValue()[1]);
                    } else {
                        oldRunning += deployment.getValue()[0];
                    }
                }
                int want = desired.getOrDefault(newest, 0);
                fresh.add(new TimeChart.Point(counted.at(), newRunning));
                old.add(new TimeChart.Point(counted.at(), oldRunning));
                floor.add(new TimeChart.Point(counted.at(), Math.ceil(want * minimumHealthyPercent / 100.0)));
                ceiling.add(new TimeChart.Point(counted.at(), Math.floor(want * maximumPercent / 100.0)));
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
        String newest = null;
        for (Moment moment : history) {
            if (moment instanceof Started started) {
                newest = started.deploymentId();
            } else if (moment instanceof Counted counted) {
                int[] primary = newest == null ? null : counted.deployments().get(newest);
                desired.add(new TimeChart.Point(counted.at(), primary == null ? 0 : primary[1]));
                running.add(new TimeChart.Point(counted.at(),
                        counted.deployments().values().stream().mapToInt(d -> d[0]).sum()));
            }
        }
        return TimeChart.of(List.of(new TimeChart.Series("desired", BAND, true, true, desired),
                new TimeChart.Series("running", NEW, true, false, running)), activities, first(history, now), now);
    }

    private static Instant first(List<Moment> history, Instant now) {
        return history.isEmpty() ? now.minusSeconds(60) : history.get(0).at();
    }
}
