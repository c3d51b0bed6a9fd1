package io.berth.gateway.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.berth.events.ClusterEvent.ClusterCreated;
import io.berth.events.ClusterEvent.ClusterTagsChanged;
import io.berth.events.EventEnvelope;
import io.berth.events.Shapes.Tag;
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
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The live stream through the real broker: filters, account scoping and resuming with Last-Event-ID. */
@QuarkusTest
class EventStreamTest {

    static final String ACCOUNT = "123456789012";
    static final String AUTHORIZATION = "AWS4-HMAC-SHA256 Credential=" + ACCOUNT
            + "/20261126/eu-west-1/ecs/aws4_request, SignedHeaders=host, Signature=0";

    @TestHTTPResource("/v1/events")
    URI events;

    @Inject
    EventFeed feed;

    final HttpClient http = HttpClient.newHttpClient();
    /** The streams a test opened, closed after it so the next test starts with none open. */
    final List<Stream<String>> opened = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeStreams() {
        opened.forEach(Stream::close);
    }

    /** The ids of the events a stream delivered so far. */
    List<String> open(String query, String lastEventId) {
        List<String> ids = new CopyOnWriteArrayList<>();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(events + query))
                .header("Authorization", AUTHORIZATION).header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        CompletableFuture<HttpResponse<Stream<String>>> response = http.sendAsync(request.build(),
                HttpResponse.BodyHandlers.ofLines());
        response.thenAccept(r -> {
            opened.add(r.body());
            r.body().filter(line -> line.startsWith("id:")).forEach(line -> ids.add(line.substring(3).trim()));
        });
        return ids;
    }

    static EventEnvelope created(String cluster, String account) {
        return TestPublisher.envelope("cluster", cluster, 1, account, new ClusterCreated(cluster,
                cluster.substring(cluster.lastIndexOf('/') + 1), List.of(), List.of(), List.of(), List.of(), null,
                null));
    }

    @Test
    void aStreamSeesTheCallersEventsOfTheClusterAndTypeItAsksFor() throws Exception {
        assertThat(feed.awaitReading(Duration.ofSeconds(30))).isTrue();
        String name = "s" + UUID.randomUUID().toString().substring(0, 8);
        String cluster = "arn:aws:ecs:eu-west-1:" + ACCOUNT + ":cluster/" + name;
        List<String> filtered = open("?cluster=" + name + "&type=ClusterCreated", null);
        List<String> everything = open("", null);
        await().atMost(Duration.ofSeconds(10)).until(() -> feed.subscribers() >= 2);

        EventEnvelope first = created(cluster, ACCOUNT);
        EventEnvelope otherAccount = created(cluster, "210987654321");
        EventEnvelope otherType = TestPublisher.envelope("cluster", cluster, 2, ACCOUNT,
                new ClusterTagsChanged(cluster, List.of(new Tag("k", "v"))));
        EventEnvelope last = created(cluster, ACCOUNT);
        try (TestPublisher publisher = new TestPublisher()) {
            List.of(first, otherAccount, otherType, last).forEach(publisher::publish);
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> filtered.contains(last.eventId().toString()));
        assertThat(filtered).containsExactly(first.eventId().toString(), last.eventId().toString());
        await().atMost(Duration.ofSeconds(30)).until(() -> everything.contains(last.eventId().toString()));
        assertThat(everything).containsSubsequence(first.eventId().toString(), otherType.eventId().toString(),
                last.eventId().toString()).doesNotContain(otherAccount.eventId().toString());

        List<String> resumed = open("?cluster=" + name, first.eventId().toString());
        await().atMost(Duration.ofSeconds(30)).until(() -> resumed.contains(last.eventId().toString()));
        assertThat(resumed).startsWith(otherType.eventId().toString(), last.eventId().toString());
    }

    @Test
    void aStreamOfAClusterAndItsGroupsCarriesTheGroupsEventsWhichNameNoCluster() throws Exception {
        assertThat(feed.awaitReading(Duration.ofSeconds(30))).isTrue();
        String name = "g" + UUID.randomUUID().toString().substring(0, 8);
        String cluster = "arn:aws:ecs:eu-west-1:" + ACCOUNT + ":cluster/" + name;
        List<String> ids = open("?cluster=" + name + "&autoScalingGroup=" + name
                + "&type=CapacityProviderReservationMeasured,DesiredCapacityChanged", null);
        await().atMost(Duration.ofSeconds(10)).until(() -> feed.subscribers() >= 1);

        EventEnvelope measured = StreamFilterTest.measured(cluster);
        EventEnvelope ofTheGroup = StreamFilterTest.desired(ACCOUNT, name);
        EventEnvelope ofAnother = StreamFilterTest.desired(ACCOUNT, name + "x");
        try (TestPublisher publisher = new TestPublisher()) {
            List.of(ofAnother, measured, ofTheGroup).forEach(publisher::publish);
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> ids.size() >= 2);
        assertThat(ids).containsExactlyInAnyOrder(measured.eventId().toString(), ofTheGroup.eventId().toString());
    }

    @Test
    void aStreamOfAChosenAccountFollowsThatAccountAsTheConsolesPagesDo() throws Exception {
        assertThat(feed.awaitReading(Duration.ofSeconds(30))).isTrue();
        String chosen = "210987654321";
        String name = "a" + UUID.randomUUID().toString().substring(0, 8);
        List<String> ids = open("?account=" + chosen + "&cluster=" + name + "&type=ClusterCreated", null);
        await().atMost(Duration.ofSeconds(10)).until(() -> feed.subscribers() >= 1);

        EventEnvelope own = created("arn:aws:ecs:eu-west-1:" + ACCOUNT + ":cluster/" + name, ACCOUNT);
        EventEnvelope ofChosen = created("arn:aws:ecs:eu-west-1:" + chosen + ":cluster/" + name, chosen);
        try (TestPublisher publisher = new TestPublisher()) {
            List.of(own, ofChosen).forEach(publisher::publish);
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> ids.contains(ofChosen.eventId().toString()));
        assertThat(ids).containsExactly(ofChosen.eventId().toString());

        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(events + "?account=12345"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("InvalidParameterException")
                .contains("account must be an AWS account id of 12 digits, not '12345'.");
    }

    @Test
    void aLastEventIdOutsideTheWindowIsRefused() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(events)
                .header("Last-Event-ID", UUID.randomUUID().toString()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("InvalidParameterException");
        assertThat(http.send(HttpRequest.newBuilder(events).header("Last-Event-ID", "not-an-id").build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(400);
    }
}
