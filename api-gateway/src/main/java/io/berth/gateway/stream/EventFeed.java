package io.berth.gateway.stream;

import io.berth.events.EventEnvelope;
import io.berth.events.EventJson;
import io.berth.events.Topics;
import io.berth.gateway.kafka.TopicTail;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every event the services publish (commands aside), as they happen, for the live stream: read from
 * the end of each topic without a consumer group, kept in a bounded window for clients that
 * resume with {@code Last-Event-ID}, and handed to each open stream that wants it. The window is the
 * newest {@code berth.stream.window} events and at most {@code berth.stream.window-bytes} of their
 * records' bytes: the gateway's heap at the peak of scenario 1 held ten thousand task events of about
 * 3 KB, half of what was live in it (issue 21 item 4, ADR 0054). A stream buffers
 * what its client has not taken yet, up to the window's size: a client further behind than that is
 * disconnected (its stream fails with "the queue is full") and resumes with its Last-Event-ID.
 *
 * <p>Idle costs nothing but the read: the window holds the records' bytes ({@link EventWindow}, a
 * ring that keeps no object per event, ADR 0075), and an event is parsed only when a stream may want
 * it by what the record tells unparsed (its type header, the account of its key, the Auto Scaling
 * group its key may be), once however many streams do. With no stream open nothing is parsed; a
 * resume finds its event by the id each record starts with and parses the events after it that its
 * stream may want. {@value #READ} and {@value #PARSED} count both.
 */
@ApplicationScoped
public class EventFeed {

    public static final String READ = "berth.stream.events.read";
    public static final String PARSED = "berth.stream.events.parsed";
    static final List<String> TOPICS = List.of(Topics.CLUSTER_EVENTS, Topics.TASK_DEFINITION_EVENTS,
            Topics.CAPACITY_PROVIDER_EVENTS, Topics.ACCOUNT_SETTING_EVENTS, Topics.CONTAINER_INSTANCE_EVENTS,
            Topics.TASK_STATE_EVENTS, Topics.TASK_EVENTS, Topics.SERVICE_EVENTS, Topics.SCALING_EVENTS,
            Topics.AUTO_SCALING_EVENTS);

    private final TopicTail tail;
    private final int window;
    /** Guarded by itself, as are the streams' registrations and deliveries. */
    private final EventWindow recent;
    private final Map<UnicastProcessor<EventEnvelope>, StreamFilter> subscribers = new ConcurrentHashMap<>();
    private final Counter read;
    private final Counter parsed;

    @Inject
    public EventFeed(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "berth.stream.window") int window,
            @ConfigProperty(name = "berth.stream.window-bytes") MemorySize windowBytes, MeterRegistry registry) {
        this(bootstrapServers, window, windowBytes.asLongValue(), registry);
    }

    EventFeed(String bootstrapServers, int window, long windowBytes, MeterRegistry registry) {
        this.tail = TopicTail.ofRecords("event-feed", bootstrapServers, TOPICS, this::publish);
        this.window = window;
        this.recent = new EventWindow(window, windowBytes);
        this.read = Counter.builder(READ).description("Events the live stream read").register(registry);
        this.parsed = Counter.builder(PARSED).description("Events the live stream parsed for its clients")
                .register(registry);
    }

    void start(@Observes StartupEvent event) {
        tail.start();
    }

    void stop(@Observes ShutdownEvent event) {
        tail.stop();
        subscribers.keySet().forEach(UnicastProcessor::onComplete);
    }

    /** Waits until the feed reads the topics (a subscriber then misses nothing published after). */
    public boolean awaitReading(Duration atMost) throws InterruptedException {
        return tail.awaitReading(atMost);
    }

    /**
     * The events {@code filter} wants after {@code lastEventId} still in the window (none when it is
     * empty), then every new one it wants, in the order the feed read them. Empty when the id is no
     * longer in the window.
     */
    public Optional<Multi<EventEnvelope>> after(Optional<UUID> lastEventId, StreamFilter filter) {
        UnicastProcessor<EventEnvelope> subscriber = UnicastProcessor.create(new ArrayBlockingQueue<>(window), () -> { });
        synchronized (recent) {
            if (lastEventId.isPresent()) {
                int last = recent.indexOf(lastEventId.get());
                if (last < 0) {
                    return Optional.empty();
                }
                for (int i = last + 1; i < recent.size(); i++) {
                    if (filter.mayWant(recent.type(i), recent.key(i))) {
                        EventEnvelope event = parse(recent.value(i));
                        if (filter.wants(event)) {
                            subscriber.onNext(event);
                        }
                    }
                }
            }
            // Registered under the window's lock: nothing slips between the replay and the live part.
            subscribers.put(subscriber, filter);
        }
        return Optional.of(subscriber.onTermination().invoke(() -> subscribers.remove(subscriber))
                .onCancellation().invoke(() -> subscribers.remove(subscriber)));
    }

    /** {@link #after(Optional, StreamFilter)} of every event. */
    public Optional<Multi<EventEnvelope>> after(Optional<UUID> lastEventId) {
        return after(lastEventId, StreamFilter.EVERYTHING);
    }

    /** How many streams are open. */
    public int subscribers() {
        return subscribers.size();
    }

    private void publish(ConsumerRecord<String, byte[]> record) {
        Header type = record.headers().lastHeader(Topics.TYPE_HEADER);
        publish(type == null ? null : new String(type.value(), StandardCharsets.UTF_8), record.key(),
                record.value());
    }

    /** One event as read: its type from the record's header (null when it has none), its key and its bytes. */
    void publish(String type, String key, byte[] bytes) {
        read.increment();
        synchronized (recent) {
            recent.append(type, key, bytes);
            EventEnvelope event = null;
            for (Map.Entry<UnicastProcessor<EventEnvelope>, StreamFilter> subscriber : subscribers.entrySet()) {
                StreamFilter filter = subscriber.getValue();
                if (filter.mayWant(type, key)) {
                    if (event == null) {
                        event = parse(bytes);
                    }
                    if (filter.wants(event)) {
                        subscriber.getKey().onNext(event);
                    }
                }
            }
        }
    }

    private EventEnvelope parse(byte[] bytes) {
        parsed.increment();
        return EventJson.fromBytes(bytes);
    }
}
