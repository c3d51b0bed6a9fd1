package io.berth.agent.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.agent.runtime.docker.ContainerState;
import io.berth.agent.runtime.docker.DockerEngine;
import io.berth.agent.runtime.docker.EngineException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The exits of a runtime's containers, heard through one events stream of the engine (ADR 0053) instead of a wait per
 * container: Podman 4.3's wait keeps its service busy for as long as it is open (one open wait: 1.2 cores here).
 *
 * <p>A container is watched from just before it starts; its {@code die} event brings its exit code, and one inspect
 * adds whether the kernel's OOM killer ended it. Whenever the stream (re)connects — at start-up, after the engine
 * restarted or the connection dropped (retried with backoff) — it replays the last seconds' events and every watched
 * container is inspected once, so an exit while nobody listened is still heard. Each exit reaches its listener once:
 * whichever of the stream and the inspection takes the container out of the watch first reports it.
 */
final class ContainerExits implements AutoCloseable {

    /** How the runtime hears of an exit; {@code exitCode} is null when the engine no longer knows the container. */
    @FunctionalInterface
    interface Listener {

        void exited(Integer exitCode, boolean oomKilled);
    }

    /** A {@code die} event: which container, and its exit code when the event carries one. */
    record Died(String id, Integer exitCode) {
    }

    /**
     * Only the exits of containers: Docker calls the event {@code die}; Podman 4.3 reports it as {@code die} but
     * matches a filter against its own name, {@code died} (a filter of {@code die} alone lets nothing through), and
     * Docker ignores a value it does not know. Not filtered by label: Podman matches a label filter only as
     * {@code key=value}, and Berth's labels have no value common to all its containers; other containers' exits are
     * few and are dropped here.
     */
    static final Map<String, List<String>> FILTERS = Map.of("type", List.of("container"),
            "event", List.of("die", "died"));
    /** Replayed at each connect, so an exit between the engine's answer and its first event is not lost. */
    static final Duration REPLAY = Duration.ofSeconds(2);
    static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    static final Duration LAST_BACKOFF = Duration.ofSeconds(5);
    /**
     * How long the runtime waits, when it opens, for the stream's first attempt (the inspections before it) before it
     * goes on anyway.
     */
    static final Duration FIRST_CONNECT = Duration.ofSeconds(10);

    private static final System.Logger LOG = System.getLogger(ContainerExits.class.getName());

    private final DockerEngine engine;
    private final Executor calls;
    private final Clock clock;
    private final Map<String, Listener> watched = new ConcurrentHashMap<>();
    private final CountDownLatch firstAttempt = new CountDownLatch(1);
    private final AtomicLong heardFromStream = new AtomicLong();
    private final AtomicLong foundByInspection = new AtomicLong();
    private final AtomicLong connects = new AtomicLong();
    private final Thread reader;
    private volatile DockerEngine.EventStream current;
    private volatile boolean closed;
    private boolean held;

    /** Opens the stream on a thread of its own and waits, up to {@link #FIRST_CONNECT}, for its first connect. */
    ContainerExits(DockerEngine engine, Executor calls, Clock clock) {
        this.engine = engine;
        this.calls = calls;
        this.clock = clock;
        this.reader = new Thread(this::read, "berth-docker-events");
        reader.setDaemon(true);
        reader.start();
        try {
            firstAttempt.await(FIRST_CONNECT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Watches a container about to start: its exit reaches {@code listener} once. */
    void watch(String id, Listener listener) {
        watched.put(id, listener);
    }

    /**
     * Watches a container that was already running, by an earlier agent: its exit may have come before the watch, so
     * the engine is asked once.
     */
    void watchRunning(String id, Listener listener) {
        watched.put(id, listener);
        calls.execute(() -> inspect(id));
    }

    /** Stops watching a container (it never started, or its task is gone). */
    void forget(String id) {
        watched.remove(id);
    }

    @Override
    public void close() {
        closed = true;
        DockerEngine.EventStream stream = current;
        if (stream != null) {
            stream.close();
        }
        reader.interrupt();
    }

    /** Extracts a container's exit from one event of the stream; empty for any other event. */
    static Optional<Died> decode(JsonNode event) {
        String type = event.path("Type").asText(event.path("type").asText(""));
        String action = event.path("Action").asText(event.path("status").asText(""));
        if (!"container".equals(type) || !"die".equals(action)) {
            return Optional.empty();
        }
        String id = event.path("Actor").path("ID").asText(event.path("id").asText(""));
        if (id.isEmpty()) {
            return Optional.empty();
        }
        JsonNode code = event.path("Actor").path("Attributes").path("exitCode");
        Integer exitCode = null;
        if (code.isTextual() || code.isNumber()) {
            try {
                exitCode = Integer.valueOf(code.asText().trim());
            } catch (NumberFormatException e) {
                // Not a number: the inspection that follows has it.
            }
        }
        return Optional.of(new Died(id, exitCode));
    }

    /** Epoch seconds with nine decimals, as the Engine API's {@code since} takes them. */
    static String since(Instant instant) {
        return instant.getEpochSecond() + "." + String.format("%09d", instant.getNano());
    }

    // --- what the tests see and do ---------------------------------------------------------------

    /** Exits heard through the stream, and found by the inspections at (re)connects. */
    long heardFromStream() {
        return heardFromStream.get();
    }

    long foundByInspection() {
        return foundByInspection.get();
    }

    /** How many times the stream has been opened (asked for; the engine may answer only with its first event). */
    long connects() {
        return connects.get();
    }

    /** Drops the connection, as a broken one would, and stays away until {@link #release()}. */
    synchronized void drop() {
        held = true;
        DockerEngine.EventStream stream = current;
        if (stream != null) {
            stream.close();
        }
    }

    synchronized void release() {
        held = false;
        notifyAll();
    }

    // --- the reader ------------------------------------------------------------------------------

    private void read() {
        Duration backoff = FIRST_BACKOFF;
        boolean lost = false;
        while (!closed) {
            try {
                awaitRelease();
            } catch (InterruptedException e) {
                return;
            }
            // The stream replays from before the inspections: an exit before them is found by asking, any later one
            // comes through the stream. Nothing waits for the stream's answer: Podman 4.3 sends nothing, not even its
            // headers, until its first event, which on a quiet engine may be long in coming.
            Instant from = clock.instant().minus(REPLAY);
            connects.incrementAndGet();
            watched.keySet().forEach(this::inspect);
            firstAttempt.countDown();
            try (DockerEngine.EventStream stream = engine.events(since(from), FILTERS)) {
                current = stream;
                if (closed || isHeld()) {
                    // Dropped or closed while the engine was still to answer: let this answer go as well.
                    continue;
                }
                if (lost) {
                    LOG.log(Level.INFO, "The events stream of the engine at " + engine.host() + " is back");
                    lost = false;
                }
                backoff = FIRST_BACKOFF;
                for (JsonNode event = stream.next(); event != null; event = stream.next()) {
                    decode(event).ifPresent(this::died);
                }
            } catch (EngineException e) {
                if (!closed && !lost) {
                    LOG.log(Level.WARNING, "The events stream of the engine at " + engine.host() + " broke ("
                            + e.getMessage() + "); reconnecting, from then on with backoff up to " + LAST_BACKOFF);
                    lost = true;
                }
            } finally {
                current = null;
            }
            if (closed) {
                return;
            }
            try {
                Thread.sleep(backoff.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            backoff = backoff.multipliedBy(2).compareTo(LAST_BACKOFF) > 0 ? LAST_BACKOFF : backoff.multipliedBy(2);
        }
    }

    private synchronized boolean isHeld() {
        return held;
    }

    private synchronized void awaitRelease() throws InterruptedException {
        while (held && !closed) {
            wait();
        }
    }

    /** A watched container's die event: one inspection for what the event does not say, then its listener. */
    private void died(Died died) {
        Listener listener = watched.remove(died.id());
        if (listener == null) {
            return;
        }
        calls.execute(() -> {
            Integer exitCode = died.exitCode();
            boolean oomKilled = false;
            try {
                ContainerState state = ContainerState.of(engine.inspect(died.id()));
                oomKilled = state.oomKilled();
                if (exitCode == null) {
                    exitCode = state.exitCode();
                }
            } catch (EngineException e) {
                LOG.log(Level.WARNING, "Inspecting container " + died.id() + " after its exit failed", e);
            }
            heardFromStream.incrementAndGet();
            listener.exited(exitCode, oomKilled);
        });
    }

    /** Asks the engine whether a watched container has exited, and reports it if so. */
    private void inspect(String id) {
        Listener listener = watched.get(id);
        if (listener == null) {
            return;
        }
        ContainerState state;
        try {
            state = ContainerState.of(engine.inspect(id));
        } catch (EngineException e) {
            if (e.notFound() && watched.remove(id, listener)) {
                foundByInspection.incrementAndGet();
                listener.exited(null, false);
            } else if (!e.notFound()) {
                LOG.log(Level.WARNING, "Inspecting container " + id + " failed; its exit is left to the stream", e);
            }
            return;
        }
        // Neither a container created but not started yet nor one Podman is still stopping has exited.
        if (state.exited() && watched.remove(id, listener)) {
            foundByInspection.incrementAndGet();
            listener.exited(state.exitCode(), state.oomKilled());
        }
    }
}
