package io.berth.gateway.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.berth.events.ClusterEvent.ClusterTagsChanged;
import io.berth.events.EventEnvelope;
import io.berth.events.Shapes.Tag;
import io.berth.testsupport.Scrape;
import io.berth.testsupport.TestPublisher;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What the live stream costs, read from {@code /q/metrics} through the real broker: with no stream
 * open the gateway reads the events and parses none; with one open it parses only the events of
 * the types that stream asks for, of the account it is for.
 */
@QuarkusTest
class EventFeedIdleTest {

    @TestHTTPResource("/v1/events")
    URI events;

    @Inject
    EventFeed feed;

    private static double read() {
        return Scrape.now().sum("berth_stream_events_read_total", Map.of());
    }

    private static double parsed() {
        return Scrape.now().sum("berth_stream_events_parsed_total", Map.of());
    }

    private static EventEnvelope tagged(String cluster) {
        return TestPublisher.envelope("cluster", cluster, 2, EventStreamTest.ACCOUNT,
                new ClusterTagsChanged(cluster, List.of(new Tag("k", "v"))));
    }

    @Test
    void nothingIsParsedWithoutAStreamAndOnlyTheAskedTypesWithOne() throws Exception {
        assertThat(feed.awaitReading(Duration.ofSeconds(30))).isTrue();
        await().atMost(Duration.ofSeconds(30)).until(() -> feed.subscribers() == 0);
        String cluster = "arn:aws:ecs:eu-west-1:" + EventStreamTest.ACCOUNT + ":cluster/i"
                + UUID.randomUUID().toString().substring(0, 8);
        double read = read();
        double parsed = parsed();

        try (TestPublisher publisher = new TestPublisher()) {
            publisher.publish(EventStreamTest.created(cluster, EventStreamTest.ACCOUNT));
            publisher.publish(tagged(cluster));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> read() >= read + 2);
        assertThat(parsed()).as("parsed with no stream open").isEqualTo(parsed);

        List<String> ids = new CopyOnWriteArrayList<>();
        HttpResponse<Stream<String>> stream = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(events + "?type=ClusterTagsChanged")).header("Authorization", EventStreamTest.AUTHORIZATION)
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines());
        try (Stream<String> lines = stream.body()) {
            Thread reader = new Thread(() -> lines.filter(line -> line.startsWith("id:"))
                    .forEach(line -> ids.add(line.substring(3).trim())));
            reader.setDaemon(true);
            reader.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> feed.subscribers() == 1);
            EventEnvelope wanted = tagged(cluster);
            // Of the type asked for, but another account's: its key tells, unparsed.
            String elsewhere = "arn:aws:ecs:eu-west-1:210987654321:cluster/o" + UUID.randomUUID().toString()
                    .substring(0, 8);
            try (TestPublisher publisher = new TestPublisher()) {
                publisher.publish(EventStreamTest.created(cluster, EventStreamTest.ACCOUNT));
                publisher.publish(TestPublisher.envelope("cluster", elsewhere, 2, "210987654321",
                        new ClusterTagsChanged(elsewhere, List.of(new Tag("k", "v")))));
                publisher.publish(EventStreamTest.created(cluster, EventStreamTest.ACCOUNT));
                publisher.publish(wanted);
            }

            await().atMost(Duration.ofSeconds(30)).until(() -> ids.contains(wanted.eventId().toString()));
            assertThat(read()).isGreaterThanOrEqualTo(read + 6);
            assertThat(parsed()).as("parsed with a stream of one type open").isEqualTo(parsed + 1);
        }
    }
}
