package io.berth.eventstore;

import java.time.Duration;
import java.util.Collection;

/** The positions a call waits for were not applied within the bound: the caller should try again. */
public class PositionsNotAppliedException extends RuntimeException {

    public PositionsNotAppliedException(Collection<Position> missing, Duration waited) {
        super("The effects of an earlier write (" + missing.size() + " event" + (missing.size() == 1 ? "" : "s")
                + " on " + missing.iterator().next().topic() + ") have not reached this service within "
                + waited.toMillis() + " ms. Try again.");
    }
}
