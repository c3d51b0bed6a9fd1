package io.berth.eventstore;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Hands the relay's rows of some topics over directly to the service that consumes them (ADR 0071), as the
 * relay sends them to Kafka: {@code POST <url>/internal/handoff}, received by {@link HandoffResource}. The
 * relay never waits for it. Per receiver one request is in flight at a time, on a kept-alive connection,
 * and rows handed over meanwhile go together in the next, so the receiver gets each stream's rows in order.
 * A request that fails drops its rows, and the receiver is left alone for a moment; the Kafka copies deliver
 * whatever was dropped.
 */
@ApplicationScoped
public class HandoffSender {

    private static final Logger LOG = Logger.getLogger(HandoffSender.class);
    /** Rows waiting for a receiver that is still busy with the request before: beyond them, rows are dropped. */
    static final int MAX_WAITING = 1_000;
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final Duration PAUSE_AFTER_FAILURE = Duration.ofSeconds(1);

    private final Map<String, Lane> lanes = new HashMap<>();
    private final Map<String, Lane> byTopic = new HashMap<>();
    private final HandoffMetrics metrics;
    private final HttpClient http;

    public HandoffSender(OutboxConfig config, HandoffMetrics metrics) {
        this.metrics = metrics;
        config.handoff().forEach((topic, url) -> {
            if (url != null && !url.isBlank()) {
                byTopic.put(topic, lanes.computeIfAbsent(url.strip(), Lane::new));
            }
        });
        this.http = byTopic.isEmpty() ? null
                : HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
    }

    /** The topics whose rows are handed over. */
    public Set<String> topics() {
        return byTopic.keySet();
    }

    /** Hands {@code rows} over, in their order, without waiting for any answer. */
    public void handOff(List<Handoff> rows) {
        Map<Lane, List<Handoff>> perLane = new HashMap<>();
        for (Handoff row : rows) {
            Lane lane = byTopic.get(row.topic());
            if (lane != null) {
                perLane.computeIfAbsent(lane, l -> new ArrayList<>()).add(row);
            }
        }
        perLane.forEach(Lane::offer);
    }

    /** The requests to one receiver: one at a time, in order. */
    private final class Lane {

        private final URI uri;
        private List<Handoff> waiting = new ArrayList<>();
        private boolean inFlight;
        private long pausedUntil;

        Lane(String url) {
            this.uri = URI.create(url.replaceAll("/+$", "") + "/internal/handoff");
        }

        void offer(List<Handoff> rows) {
            List<Handoff> now;
            synchronized (this) {
                if (System.currentTimeMillis() < pausedUntil || waiting.size() + rows.size() > MAX_WAITING) {
                    drop(rows);
                    return;
                }
                waiting.addAll(rows);
                if (inFlight) {
                    return;
                }
                now = take();
            }
            send(now);
        }

        /** What waits, now in flight; under the lane's lock. */
        private List<Handoff> take() {
            List<Handoff> now = waiting;
            waiting = new ArrayList<>();
            inFlight = true;
            return now;
        }

        private void send(List<Handoff> rows) {
            try {
                HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(Handoff.toBytes(rows))).build();
                http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                        .whenComplete((response, failure) -> done(rows, response, failure));
            } catch (RuntimeException e) {
                done(rows, null, e);
            }
        }

        private void done(List<Handoff> rows, HttpResponse<?> response, Throwable failure) {
            boolean ok = failure == null && response.statusCode() / 100 == 2;
            if (ok) {
                count(rows, "sent");
            } else {
                LOG.debugf("Hand-off to %s failed (%s); left to Kafka", uri,
                        failure != null ? failure.toString() : "HTTP " + response.statusCode());
                drop(rows);
            }
            List<Handoff> next;
            synchronized (this) {
                if (!ok) {
                    pausedUntil = System.currentTimeMillis() + PAUSE_AFTER_FAILURE.toMillis();
                    drop(waiting);
                    waiting = new ArrayList<>();
                }
                if (waiting.isEmpty()) {
                    inFlight = false;
                    return;
                }
                next = take();
            }
            send(next);
        }

        private void drop(List<Handoff> rows) {
            count(rows, "dropped");
        }

        private void count(List<Handoff> rows, String outcome) {
            Map<String, Integer> perTopic = new HashMap<>();
            rows.forEach(r -> perTopic.merge(r.topic(), 1, Integer::sum));
            perTopic.forEach((topic, n) -> metrics.count(topic, outcome, n));
        }
    }
}
