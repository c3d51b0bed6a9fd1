package io.berth.scaling.managed;

import java.time.Duration;
import java.time.Instant;

/**
 * One of the two CloudWatch alarms of the target tracking policy ECS puts on a capacity provider's group
 * (reference autoscaling-groups.md §3 step 2, §4.3, §7): the metric compared with the target, one datapoint a
 * {@code period}, ALARM once {@code datapointsToAlarm} datapoints in a row breach. Pure.
 *
 * <p>Berth's metric is a step function: the scheduler writes a measurement when the value changes and at least once a
 * period, and the value holds in between. A datapoint breaches when the metric stayed beyond the target for its
 * whole period, so a run of breaching readings that began at {@code since} has {@code ⌊(at − since) / period⌋}
 * complete datapoints at {@code at}: the first reading beyond the target opens the first datapoint and does not
 * complete it, as a CloudWatch alarm waits for its period to end. A reading on the target's side ends the run (OK).
 *
 * @param name the alarm's name in reasons, as target tracking names them ({@code AlarmHigh}, {@code AlarmLow})
 */
public record MetricAlarm(String name, Comparison comparison, int datapointsToAlarm, Duration period) {

    /** How a value breaches the threshold. */
    public enum Comparison {
        GREATER_THAN("above"), LESS_THAN("below");

        private final String word;

        Comparison(String word) {
            this.word = word;
        }

        boolean breaches(double value, double threshold) {
            return this == GREATER_THAN ? value > threshold : value < threshold;
        }
    }

    /** CloudWatch's alarm states; INSUFFICIENT_DATA until the first reading. */
    public enum Value {
        INSUFFICIENT_DATA, OK, ALARM
    }

    /**
     * @param breachingSince when the current run of breaching readings began; null when the last reading did not
     *     breach
     */
    public record State(Value value, Instant breachingSince) {

        public static final State INITIAL = new State(Value.INSUFFICIENT_DATA, null);

        public State {
            if (value == null || (value == Value.ALARM && breachingSince == null)) {
                throw new IllegalArgumentException("an alarm in " + value + " without a breach");
            }
        }
    }

    public MetricAlarm {
        if (period.isZero() || period.isNegative() || datapointsToAlarm < 1) {
            throw new IllegalArgumentException("an alarm needs a period and at least one datapoint");
        }
    }

    /** The alarm's state after a reading of {@code value} at {@code at}. */
    public State evaluate(State state, double value, double threshold, Instant at) {
        if (!comparison.breaches(value, threshold)) {
            return new State(Value.OK, null);
        }
        Instant since = state.breachingSince() == null || at.isBefore(state.breachingSince()) ? at
                : state.breachingSince();
        return new State(datapoints(since, at) >= datapointsToAlarm ? Value.ALARM : Value.OK, since);
    }

    /** The alarm's state for reasons: its value, and how far a breach has come. */
    public String describe(State state, double threshold, Instant at) {
        if (state.breachingSince() == null) {
            return name + " " + state.value();
        }
        long complete = Math.min(datapointsToAlarm, datapoints(state.breachingSince(), at));
        String counted = name + " " + state.value() + " (" + complete + " of " + datapointsToAlarm + " datapoints "
                + comparison.word + " " + formatted(threshold);
        if (state.value() == Value.ALARM) {
            return counted + ")";
        }
        return counted + " since " + state.breachingSince() + ", ALARM at "
                + state.breachingSince().plus(period.multipliedBy(datapointsToAlarm)) + ")";
    }

    private long datapoints(Instant since, Instant at) {
        return Duration.between(since, at).toMillis() / period.toMillis();
    }

    private static String formatted(double threshold) {
        return threshold == Math.rint(threshold) ? String.valueOf((long) threshold) : String.valueOf(threshold);
    }
}
