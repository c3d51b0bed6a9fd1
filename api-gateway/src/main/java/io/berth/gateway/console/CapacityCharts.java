package io.berth.gateway.console;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Cluster auto scaling as charts, for one capacity provider with managed scaling: its
 * CapacityProviderReservation against its {@code targetCapacity}, and its group's desired capacity
 * against the instances in service, both over the same span and with each managed scaling decision
 * (scale-out blue, scale-in orange) a rule carrying its reason.
 */
public final class CapacityCharts {

    public static final String SCALE_OUT = "scale out";
    public static final String SCALE_IN = "scale in";

    /**
     * One measurement as the scaling-service recorded it: the reservation, the instances it counted
     * (N), and the desired capacity it asked of the group, if it asked, with why.
     */
    public record Measurement(Instant at, int reservation, int instancesRunning, Integer desiredCapacity,
            String reason) {

        boolean decided() {
            return desiredCapacity != null;
        }

        String direction() {
            return desiredCapacity > instancesRunning ? SCALE_OUT : SCALE_IN;
        }
    }

    /** What the group's events say about its counts, in the order they happened. */
    public sealed interface GroupMoment permits DesiredCapacity, InService, OutOfService {

        Instant at();
    }

    /** The group's desired capacity from then on (created, updated, set, or asked by managed scaling). */
    public record DesiredCapacity(Instant at, int desired) implements GroupMoment {
    }

    /** An instance's agent registered: it is in service. */
    public record InService(Instant at, String instanceId) implements GroupMoment {
    }

    /** An instance began terminating (or is gone): it no longer serves. */
    public record OutOfService(Instant at, String instanceId) implements GroupMoment {
    }

    /** A managed scaling decision as the decisions table lists it. */
    public record Decision(String at, String direction, int desiredCapacity, String reason) {
    }

    /** One provider's page section: its two charts and its decisions, newest first. */
    public record Provider(String name, String group, String settings, TimeChart reservation, TimeChart instances,
            List<Decision> decisions) {

        public String reservationId() {
            return "reservation-" + name;
        }

        public String instancesId() {
            return "instances-" + name;
        }
    }

    private CapacityCharts() {
    }

    /**
     * The section of provider {@code name}: {@code measurements} oldest first, {@code group} its group's
     * moments oldest first; both charts span from the earlier of their first moments to {@code now}.
     */
    public static Provider provider(String name, String group, String settings, int targetCapacity,
            List<Measurement> measurements, List<GroupMoment> moments, Instant now) {
        Instant from = Stream.concat(measurements.stream().map(Measurement::at), moments.stream().map(GroupMoment::at))
                .min(Instant::compareTo).orElse(now.minusSeconds(60));
        List<TimeChart.Mark> marks = marks(measurements);
        return new Provider(name, group, settings, reservation(measurements, targetCapacity, marks, from, now),
                instances(moments, marks, from, now), decisions(measurements));
    }

    /**
     * The reservation as steps (the scheduler writes a measurement when the value changes, so it holds
     * until the next one) against the target as a dashed line.
     */
    static TimeChart reservation(List<Measurement> measurements, int targetCapacity, List<TimeChart.Mark> marks,
            Instant from, Instant now) {
        List<TimeChart.Point> reservation = measurements.stream()
                .map(m -> new TimeChart.Point(m.at(), m.reservation())).toList();
        List<TimeChart.Point> target = List.of(new TimeChart.Point(from, targetCapacity),
                new TimeChart.Point(now, targetCapacity));
        return TimeChart.of(List.of(
                new TimeChart.Series("targetCapacity " + targetCapacity + "%", Rollout.BAND, false, true, target),
                new TimeChart.Series("CapacityProviderReservation %", Rollout.NEW, true, false, reservation)),
                marks, from, now);
    }

    /** The group's desired capacity and its instances in service, each a step at every change. */
    static TimeChart instances(List<GroupMoment> moments, List<TimeChart.Mark> marks, Instant from, Instant now) {
        List<TimeChart.Point> desired = new ArrayList<>();
        List<TimeChart.Point> inService = new ArrayList<>();
        if (!moments.isEmpty()) {
            // A group starts with no instance in service: its first ones serve only once their agents register.
            inService.add(new TimeChart.Point(moments.get(0).at(), 0));
        }
        Set<String> serving = new HashSet<>();
        for (GroupMoment moment : moments) {
            if (moment instanceof DesiredCapacity d) {
                desired.add(new TimeChart.Point(d.at(), d.desired()));
            } else if (moment instanceof InService i ? serving.add(i.instanceId())
                    : serving.remove(((OutOfService) moment).instanceId())) {
                inService.add(new TimeChart.Point(moment.at(), serving.size()));
            }
        }
        return TimeChart.of(List.of(new TimeChart.Series("desired capacity", Rollout.BAND, true, true, desired),
                new TimeChart.Series("in service", Rollout.NEW, true, false, inService)), marks, from, now);
    }

    /** Each decision as a rule: blue for a scale-out, orange for a scale-in, labelled with its reason. */
    static List<TimeChart.Mark> marks(List<Measurement> measurements) {
        return measurements.stream().filter(Measurement::decided).map(m -> new TimeChart.Mark(m.at(),
                m.direction() + " to " + m.desiredCapacity() + ": " + m.reason(),
                SCALE_OUT.equals(m.direction()) ? Rollout.NEW : Rollout.OLD)).toList();
    }

    private static List<Decision> decisions(List<Measurement> measurements) {
        List<Decision> decisions = new ArrayList<>();
        for (int i = measurements.size() - 1; i >= 0; i--) {
            Measurement m = measurements.get(i);
            if (m.decided()) {
                decisions.add(new Decision(DateTimeFormatter.ISO_INSTANT.format(m.at().truncatedTo(ChronoUnit.SECONDS)),
                        m.direction(), m.desiredCapacity(), m.reason()));
            }
        }
        return decisions;
    }
}
