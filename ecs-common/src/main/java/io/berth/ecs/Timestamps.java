package io.berth.ecs;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;

/** ECS's JSON protocol writes timestamps as epoch seconds with a fraction, e.g. {@code 1764144000.125}. */
public final class Timestamps {

    private Timestamps() {
    }

    public static BigDecimal epochSeconds(Instant instant) {
        return instant == null ? null : BigDecimal.valueOf(instant.toEpochMilli(), 3);
    }

    /**
     * Writes an {@link Instant} member of a record that has the shape of an ECS object as ECS does
     * ({@link #epochSeconds}); reading one back needs nothing, Jackson reads such numbers as seconds.
     */
    public static final class EpochSeconds extends StdSerializer<Instant> {

        public EpochSeconds() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeNumber(epochSeconds(value));
        }
    }
}
