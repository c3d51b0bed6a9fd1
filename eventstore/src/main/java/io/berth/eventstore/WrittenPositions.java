package io.berth.eventstore;

import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.RequestScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The outbox positions the transactions of one HTTP request committed; the owner's answer names
 * them ({@link Position#WRITTEN_HEADER}) so that the gateway can make the caller's next call wait
 * for them (ADR 0033).
 *
 * <p>Unremovable: the outbox looks it up only when a request is active.
 */
@Unremovable
@RequestScoped
public class WrittenPositions {

    private final List<Position> written = new ArrayList<>();

    void addAll(Collection<Position> positions) {
        written.addAll(positions);
    }

    /** The latest committed position of each stream this request wrote to. */
    public Collection<Position> latest() {
        return Position.latest(written);
    }
}
