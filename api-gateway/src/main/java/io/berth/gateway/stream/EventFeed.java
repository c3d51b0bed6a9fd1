package io.berth.gateway.stream;

import io.berth.events.EventEnvelope;
import io.berth.events.Topics;
import io.berth.gateway.kafka.TopicTail;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every event the services publish (commands aside), as they happen, for the live stream: read from
 * the end of each topic without a consumer group, kept in a bounded window for clients that
 * resume with {@code Last-Event-ID}, and handed to each open stream. A stream buffers what its
 * client has not taken yet, up to the window's size: a client further behind than that is
 * disconnected (its stream fails with "the queue is full") and resumes with its Last-Event-ID.
 */
@ApplicationScoped
public class EventFeed {

    static final List<String> TOPICS = List.of(Topics.CLUSTER_EVENTS, Topics.TASK_DEFINITION_EVENTS,
            Topics.CAPACITY_PROVIDER_EVENTS, Topics.ACCOUNT_SETTING_EVENTS, Topics.CONTAINER_INSTANCE_EVENTS,
            Topics.TASK_STATE_EVENTS, Topics.TASK_EVENTS, Topics.SERVICE_EVENTS, Topics.SCALING_EVENTS);

    private final TopicTail tail;
    private final int window;
    private final Deque<EventEnvelope> recent = new ArrayDeque<>();
    private final Set<UnicastProcessor<EventEnvelope>> subscribers = ConcurrentHashMap.newKeySet();

    public EventFeed(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "berth.stream.window") int window) {
        this.tail = new TopicTail("event-feed", bootstrapServers, TOPICS, this::publish);
        this.window = window;
    }

    void start(@Observes StartupEvent event) {
        tail.start();
    }

    void stop(@Observes ShutdownEvent event) {
        tail.stop();
        subscribers.forEach(UnicastProcessor::onComplete);
    }

    /** Waits until the feed reads the topics (a subscriber then misses nothing published after). */
    public boolean awaitReading(Duration atMost) throws InterruptedException {
        return tail.awaitReading(atMost);
    }

    /**
     * The events after {@code lastEventId} still in the window (none when it is empty), then every
     * new one, in the order the feed read them. Empty when the id is no longer in the window.
     */
    public Optional<Multi<EventEnvelope>> after(Optional<UUID> lastEventId) {
        UnicastProcessor<EventEnvelope> subscriber = UnicastProcessor.create(new ArrayBlockingQueue<>(window), () -> { });
        synchronized (recent) {
            if (lastEventId.isPresent()) {
                boolean found = false;
                for (EventEnvelope e : recent) {
                    if (found) {
                        subscriber.onNext(e);
                    } else if (e.eventId().equals(lastEventId.get())) {
                        found = true;
                    }
                }
                if (!found) {
                    return Optional.empty();
                }
            }
            // Registered under the window's lock: nothing slips between the replay and the live part.
            subscribers.add(subscriber);
        }
        return Optional.of(subscriber.onTermination().invoke(() -> subscribers.remove(subscriber))
                .onCancellation().invoke(() -> subscribers.remove(subscriber)));
    }

    /** How many streams are open. */
    public int subscribers() {
        return subscribers.size();
    }

    void publish(EventEnvelope event) {
        synchronized (recent) {
            recent.addLast(event);
            while (recent.size() > window) {
                recent.removeFirst();
            }
            subscribers.forEach(subscriber -> subscriber.onNext(event));
        }
    }
}
