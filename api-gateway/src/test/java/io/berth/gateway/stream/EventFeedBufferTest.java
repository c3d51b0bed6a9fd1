package io.berth.gateway.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.events.EventEnvelope;
import io.berth.events.EventJson;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.smallrye.mutiny.subscription.BackPressureFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A stream whose client takes nothing holds at most the window's events; when the client reads
 * again it gets them and then the end of its stream (it resumes with Last-Event-ID). A client
 * that keeps up is not affected.
 */
class EventFeedBufferTest {

    static final int WINDOW = 5;

    @Test
    void aClientTooFarBehindIsDisconnectedAndTheOthersKeepTheirEvents() {
        EventFeed feed = new EventFeed("localhost:1", WINDOW, Long.MAX_VALUE, new SimpleMeterRegistry());
        AssertSubscriber<EventEnvelope> stalled = feed.after(Optional.empty()).orElseThrow()
                .subscribe().withSubscriber(AssertSubscriber.create(0));
        AssertSubscriber<EventEnvelope> reading = feed.after(Optional.empty()).orElseThrow()
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));

        for (int i = 0; i <= WINDOW; i++) {
            EventEnvelope created = EventStreamTest.created("arn:aws:ecs:eu-west-1:000000000000:cluster/c" + i,
                    "000000000000");
            feed.publish(created.type(), created.partitionKey(), EventJson.toBytes(created));
        }

        reading.assertNotTerminated();
        assertThat(reading.getItems()).hasSize(WINDOW + 1);
        stalled.request(Long.MAX_VALUE);
        assertThat(stalled.getItems()).hasSize(WINDOW);
        stalled.assertFailedWith(BackPressureFailure.class, "queue is full");
        assertThat(feed.subscribers()).isEqualTo(1);
    }

    @Test
    void theWindowKeepsAtMostItsBytesOfTheNewestEventsWhateverTheirNumber() {
        List<EventEnvelope> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            events.add(EventStreamTest.created("arn:aws:ecs:eu-west-1:000000000000:cluster/c" + i, "000000000000"));
        }
        long newestThree = events.subList(2, 5).stream().mapToLong(e -> EventJson.toBytes(e).length).sum();
        EventFeed feed = new EventFeed("localhost:1", 1000, newestThree, new SimpleMeterRegistry());
        for (EventEnvelope event : events) {
            feed.publish(event.type(), event.partitionKey(), EventJson.toBytes(event));
        }

        // The bytes of the newest three: those are kept, far fewer than the thousand the count allows, so a client
        // that last saw the third event resumes and one that last saw the second is told it is no longer there.
        assertThat(feed.after(Optional.of(events.get(1).eventId()))).isEmpty();
        AssertSubscriber<EventEnvelope> resumed = feed.after(Optional.of(events.get(2).eventId())).orElseThrow()
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        assertThat(resumed.getItems()).extracting(EventEnvelope::eventId)
                .containsExactly(events.get(3).eventId(), events.get(4).eventId());
    }
}
