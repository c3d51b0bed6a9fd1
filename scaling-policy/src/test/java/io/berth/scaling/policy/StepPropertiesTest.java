package io.berth.scaling.policy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Random step layouts: every valid layout covers its range with exactly one step per delta and
 * survives the JSON round trip; moving one inner bound makes a gap or an overlap, which is refused.
 */
class StepPropertiesTest {

    @ParameterizedTest(name = "seed {0}: 500 valid random layouts")
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void eachDeltaIsInExactlyOneStep(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < 500; i++) {
            StepScalingPolicy policy = randomPolicy(random);
            List<StepAdjustment> steps = policy.stepAdjustments();
            double low = steps.stream().mapToDouble(StepAdjustment::lowerOrMinusInfinity).min().orElseThrow();
            double high = steps.stream().mapToDouble(StepAdjustment::upperOrPlusInfinity).max().orElseThrow();
            List<Double> deltas = new ArrayList<>();
            for (StepAdjustment s : steps) {
                for (Double bound : new Double[] {s.lowerBound(), s.upperBound()}) {
                    if (bound != null) {
                        deltas.addAll(List.of(bound, Math.nextUp(bound), Math.nextDown(bound)));
                    }
                }
            }
            for (int k = 0; k < 20; k++) {
                deltas.add(random.nextGaussian() * 50);
            }
            for (double delta : deltas) {
                long containing = steps.stream().filter(s -> s.contains(delta)).count();
                boolean covered = delta >= low && delta <= high;
                String what = steps + " delta " + delta;
                assertThat(containing).as(what).isLessThanOrEqualTo(1);
                if (covered && delta != 0 && delta != low && delta != high) {
                    assertThat(containing).as(what).isEqualTo(1);
                }
                assertThat(policy.stepFor(delta).isPresent()).as(what).isEqualTo(policy.desiredCapacity(5, delta).isPresent());
            }
            assertThat(StepScalingPolicy.parse(policy.toJson())).isEqualTo(policy);
        }
    }

    @ParameterizedTest(name = "seed {0}: 500 broken layouts")
    @ValueSource(longs = {11, 12, 13})
    void movingAnInnerBoundIsRefused(long seed) {
        Random random = new Random(seed);
        int broken = 0;
        while (broken < 500) {
            List<StepAdjustment> steps = new ArrayList<>(randomPolicy(random).stepAdjustments());
            int i = random.nextInt(steps.size());
            StepAdjustment s = steps.get(i);
            boolean moveUpper = random.nextBoolean();
            Double bound = moveUpper ? s.upperBound() : s.lowerBound();
            boolean inner = bound != null && steps.stream().anyMatch(o -> bound.equals(moveUpper ? o.lowerBound() : o.upperBound()));
            if (!inner) {
                continue;
            }
            double moved = bound + (random.nextBoolean() ? 0.5 : -0.5);
            StepAdjustment changed = moveUpper ? new StepAdjustment(s.lowerBound(), moved, s.scalingAdjustment())
                    : new StepAdjustment(moved, s.upperBound(), s.scalingAdjustment());
            if (changed.lowerOrMinusInfinity() >= changed.upperOrPlusInfinity()) {
                continue;
            }
            steps.set(i, changed);
            broken++;
            assertThatThrownBy(() -> new StepScalingPolicy(StepScalingPolicy.AdjustmentType.CHANGE_IN_CAPACITY, steps, null,
                    300, null)).as(steps.toString()).isInstanceOf(ScalingValidationException.class)
                    .hasMessageMatching(".*must not (overlap|leave a gap).*");
        }
    }

    /**
     * A valid policy: contiguous whole-number bounds in shuffled order, open below when a bound is
     * negative and open above when one is positive.
     */
    static StepScalingPolicy randomPolicy(Random random) {
        int count = 1 + random.nextInt(8);
        int start = random.nextInt(41) - 20;
        List<Double> bounds = new ArrayList<>();
        double b = start;
        for (int i = 0; i <= count; i++) {
            bounds.add(b);
            b += 1 + random.nextInt(15);
        }
        boolean openBelow = bounds.get(0) < 0 || random.nextBoolean();
        boolean openAbove = bounds.get(count) > 0 || random.nextBoolean();
        List<StepAdjustment> steps = new ArrayList<>();
        StepScalingPolicy.AdjustmentType type = StepScalingPolicy.AdjustmentType.values()[random.nextInt(3)];
        for (int i = 0; i < count; i++) {
            Double lower = i == 0 && openBelow ? null : bounds.get(i);
            Double upper = i == count - 1 && openAbove ? null : bounds.get(i + 1);
            if (lower == null && upper == null) {
                lower = bounds.get(i);
                steps.add(new StepAdjustment(null, lower, adjustment(random, type)));
            }
            steps.add(new StepAdjustment(lower, upper, adjustment(random, type)));
        }
        Collections.shuffle(steps, random);
        Integer magnitude = type == StepScalingPolicy.AdjustmentType.PERCENT_CHANGE_IN_CAPACITY && random.nextBoolean()
                ? 1 + random.nextInt(5) : null;
        return new StepScalingPolicy(type, steps, magnitude, random.nextInt(600),
                StepScalingPolicy.MetricAggregationType.values()[random.nextInt(3)]);
    }

    private static int adjustment(Random random, StepScalingPolicy.AdjustmentType type) {
        switch (type) {
            case EXACT_CAPACITY:
                return random.nextInt(30);
            case PERCENT_CHANGE_IN_CAPACITY:
                return random.nextInt(401) - 200;
            default:
                return random.nextInt(21) - 10;
        }
    }
}
