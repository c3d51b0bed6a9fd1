package io.berth.ecs;

import java.math.BigDecimal;
import java.time.Instant;

/** ECS's JSON protocol writes timestamps as epoch seconds with a fraction, e.g. {@code 1764144000.125}. */
public final class Timestamps {

    private Timestamps() {
    }

    public static BigDecimal epochSeconds(Instant instant) {
        return instant == null ? null : BigDecimal.valueOf(instant.toEpochMilli(), 3);
    }
}
