package io.berth.gateway.routing;

import io.berth.ecs.Caller;
import io.berth.eventstore.Position;
import io.berth.eventstore.ReadYourWritesConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each caller wrote lately, as the owners' answers named it (ADR 0033): the latest position
 * of each stream, kept for {@link ReadYourWritesConfig#pendingFor()} and passed on with every call
 * the caller makes meanwhile, so that whichever service answers it waits until it has applied them.
 * Callers are accounts: a client and the agents it starts see each other's writes.
 */
@ApplicationScoped
public class PendingPositions {

    /**
     * Streams kept per caller, a few kilobytes of header; a caller writing to more at once loses the
     * oldest first (a client works on a few clusters at a time).
     */
    static final int MAX_STREAMS = 32;

    private final Map<String, Map<Position.Stream, Pending>> byCaller = new ConcurrentHashMap<>();
    private final long keepMillis;
    private final Clock clock;

    @Inject
    public PendingPositions(ReadYourWritesConfig config) {
        this(config, Clock.systemUTC());
    }

    PendingPositions(ReadYourWritesConfig config, Clock clock) {
        this.keepMillis = config.pendingFor().toMillis();
        this.clock = clock;
    }

    private record Pending(Position position, long until) {
    }

    /** Records what an owner's answer to {@code caller} named as written. */
    public void written(Caller caller, Collection<Position> positions) {
        if (positions.isEmpty()) {
            return;
        }
        long until = clock.millis() + keepMillis;
        Map<Position.Stream, Pending> pending = byCaller.computeIfAbsent(caller.account(),
                account -> new LinkedHashMap<>());
        synchronized (pending) {
            for (Position p : positions) {
                Pending before = pending.remove(p.stream());
                long position = before == null ? p.position() : Math.max(before.position().position(), p.position());
                pending.put(p.stream(), new Pending(new Position(p.topic(), p.writer(), p.key(), position), until));
            }
            Iterator<Position.Stream> oldest = pending.keySet().iterator();
            while (pending.size() > MAX_STREAMS) {
                oldest.next();
                oldest.remove();
            }
        }
    }

    /** What {@code caller}'s next call must wait for; empty (and free) for a caller that wrote nothing lately. */
    public List<Position> of(Caller caller) {
        Map<Position.Stream, Pending> pending = byCaller.get(caller.account());
        if (pending == null) {
            return List.of();
        }
        long now = clock.millis();
        synchronized (pending) {
            pending.values().removeIf(p -> p.until() < now);
            return pending.values().stream().map(Pending::position).toList();
        }
    }
}
