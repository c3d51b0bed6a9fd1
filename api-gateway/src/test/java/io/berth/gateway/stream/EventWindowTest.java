package io.berth.gateway.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.events.EventEnvelope;
import io.berth.events.EventJson;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The window in its ring against the plain queue it replaces (ADR 0054's rule: the newest N events and
 * at most B of their bytes, the newest kept whatever its size), after every append: what it holds, and
 * that a client resumes from each event it holds and from none it dropped.
 */
class EventWindowTest {

    record Event(UUID id, String type, String key, byte[] value) {
    }

    /** ADR 0054's window as a queue of events, which the ring must hold the same as. */
    static final class Model {
        final int events;
        final long bytes;
        final Deque<Event> held = new ArrayDeque<>();
        long heldBytes;

        Model(int events, long bytes) {
            this.events = events;
            this.bytes = bytes;
        }

        void append(Event event) {
            held.addLast(event);
            heldBytes += event.value.length;
            while (held.size() > events || heldBytes > bytes && held.size() > 1) {
                heldBytes -= held.removeFirst().value.length;
            }
        }
    }

    /** An event whose bytes start with its id, as every envelope's do, padded to {@code length} bytes. */
    static Event event(Random random, String type, String key, int length) {
        UUID id = new UUID(random.nextLong(), random.nextLong());
        String start = "{\"eventId\":\"" + id + "\",\"pad\":\"";
        StringBuilder json = new StringBuilder(start);
        while (json.length() < length - 2) {
            json.append((char) ('a' + random.nextInt(26)));
        }
        return new Event(id, type, key, json.append("\"}").toString().getBytes(StandardCharsets.UTF_8));
    }

    static void assertHolds(EventWindow window, Model model, List<Event> dropped) {
        assertThat(window.size()).isEqualTo(model.held.size());
        assertThat(window.bytes()).isEqualTo(model.heldBytes);
        int i = 0;
        for (Event event : model.held) {
            assertThat(window.type(i)).isEqualTo(event.type);
            assertThat(window.key(i)).isEqualTo(event.key);
            assertThat(window.value(i)).isEqualTo(event.value);
            assertThat(window.indexOf(event.id)).as("resumes from event %d", i).isEqualTo(i);
            i++;
        }
        for (Event event : dropped) {
            assertThat(window.indexOf(event.id)).as("resumes from a dropped event").isEqualTo(-1);
        }
    }

    static void appendAndCheck(EventWindow window, Model model, List<Event> appended, Event event) {
        window.append(event.type, event.key, event.value);
        model.append(event);
        appended.add(event);
        assertHolds(window, model, appended.subList(0, appended.size() - model.held.size()));
    }

    @Test
    void holdsWhatTheQueueHeldAsTheRingWrapsRoundManyTimes() {
        Random random = new Random(21);
        EventWindow window = new EventWindow(40, 2_000);
        Model model = new Model(40, 2_000);
        List<Event> appended = new ArrayList<>();
        for (int n = 0; n < 2_000; n++) {
            String key = random.nextInt(10) == 0 ? null : "arn:aws:ecs:eu-west-1:123456789012:task/c/" + n;
            String type = random.nextInt(10) == 0 ? null : "Type" + random.nextInt(5);
            // From events far smaller than the bytes (the count bounds) to one larger than all of them.
            int length = n % 97 == 0 ? 2_500 : 60 + random.nextInt(n % 3 == 0 ? 40 : 400);
            appendAndCheck(window, model, appended, event(random, type, key, length));
        }
    }

    @Test
    void anEventLargerThanTheRingIsHeldAloneUntilTheNextOne() {
        Random random = new Random(7);
        EventWindow window = new EventWindow(10, 500);
        Model model = new Model(10, 500);
        List<Event> appended = new ArrayList<>();
        appendAndCheck(window, model, appended, event(random, "A", "k1", 200));
        appendAndCheck(window, model, appended, event(random, "A", "k2", 200));
        Event large = event(random, "B", "k3", 501);
        appendAndCheck(window, model, appended, large);
        assertThat(window.size()).isEqualTo(1);
        assertThat(window.value(0)).isEqualTo(large.value);
        appendAndCheck(window, model, appended, event(random, "A", "k4", 100));
        assertThat(window.indexOf(large.id)).isEqualTo(-1);
        appendAndCheck(window, model, appended, event(random, "A", "k5", 400));
        appendAndCheck(window, model, appended, event(random, "A", "k6", 1));
    }

    @Test
    void growsByDoublingFromItsFirstArrayToItsBytesAndNoFurther() {
        Random random = new Random(3);
        int bytes = 5 * ByteRing.FIRST / 2;
        // Forty events growing from 1 to 4 KB: the ring grows while it wraps, the count dropping the oldest.
        EventWindow window = new EventWindow(40, bytes);
        Model model = new Model(40, bytes);
        List<Event> appended = new ArrayList<>();
        for (int n = 0; n < 300; n++) {
            appendAndCheck(window, model, appended, event(random, "T", "arn:aws:ecs:eu-west-1:1:task/" + n, 1_000 + 10 * n));
        }
        assertThat(model.heldBytes).isGreaterThan(2L * ByteRing.FIRST);
        ByteRing ring = new ByteRing(bytes);
        ring.append(new byte[ByteRing.FIRST]);
        assertThat(ring.capacity()).isEqualTo(ByteRing.FIRST);
        ring.append(new byte[1]);
        assertThat(ring.capacity()).isEqualTo(2 * ByteRing.FIRST);
        ring.append(new byte[ByteRing.FIRST]);
        assertThat(ring.capacity()).isEqualTo(bytes);
        assertThatThrownBy(() -> ring.append(new byte[bytes])).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aKeyBeyondAsciiAndAnEnvelopeWrittenInAnotherOrderAreHeldAndFound() {
        EventEnvelope envelope = EventStreamTest.created("arn:aws:ecs:eu-west-1:123456789012:cluster/é", "123456789012");
        ObjectNode written = EventJson.toJson(envelope);
        // The same members, the id last: found by parsing, since it does not start the bytes.
        ObjectNode reordered = EventJson.mapper().createObjectNode();
        written.fieldNames().forEachRemaining(name -> {
            if (!name.equals("eventId")) {
                reordered.set(name, written.get(name));
            }
        });
        reordered.put("eventId", envelope.eventId().toString());
        byte[] bytes = reordered.toString().getBytes(StandardCharsets.UTF_8);
        EventWindow window = new EventWindow(5, 10_000);
        window.append("NotAnEnvelope", "k", "{\"eventId\":\"not an id\"}".getBytes(StandardCharsets.UTF_8));
        window.append(envelope.type(), envelope.partitionKey(), bytes);

        assertThat(window.indexOf(envelope.eventId())).isEqualTo(1);
        assertThat(window.indexOf(UUID.randomUUID())).isEqualTo(-1);
        assertThat(window.key(1)).isEqualTo("arn:aws:ecs:eu-west-1:123456789012:cluster/é");
        assertThat(EventJson.fromBytes(window.value(1))).isEqualTo(envelope);
    }

    @Test
    void anAppendOnceTheRingHasGrownAllocatesNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Random random = new Random(5);
        int count = 10_000;
        Event[] events = new Event[count];
        for (int n = 0; n < count; n++) {
            events[n] = event(random, "TaskStateChanged", "arn:aws:ecs:eu-west-1:123456789012:task/c/" + (n % 50),
                    2_000 + random.nextInt(2_000));
        }
        EventWindow window = new EventWindow(1_000, 1 << 20);
        for (Event event : events) {
            window.append(event.type, event.key, event.value);
        }

        long before = threads.getCurrentThreadAllocatedBytes();
        for (Event event : events) {
            window.append(event.type, event.key, event.value);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        // The queue it replaced allocated an object per event (tens of bytes each): here less than a byte per event.
        assertThat(allocated).isLessThan(count);
        assertThat(window.indexOf(events[count - 1].id)).isEqualTo(window.size() - 1);
    }
}
