package io.berth.logs.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.berth.events.LogsEvent.LogGroupCreated;
import io.berth.events.LogsEvent.LogStreamCreated;
import io.berth.events.Topics;
import io.berth.logs.store.RetentionSweeper;
import io.berth.testsupport.EcsCalls;
import io.berth.testsupport.SharedInfrastructure;
import io.berth.testsupport.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The Logs API on the service's internal endpoint, against the real database and broker. */
@QuarkusTest
class LogsApiTest {

    private static final long DAY = Duration.ofDays(1).toMillis();

    @Inject
    RetentionSweeper sweeper;

    private final EcsCalls logs = EcsCalls.newAccount().logs();

    private void group(String name) {
        logs.ok("CreateLogGroup", "{\"logGroupName\":\"" + name + "\"}");
    }

    private void stream(String group, String name) {
        logs.ok("CreateLogStream", "{\"logGroupName\":\"" + group + "\",\"logStreamName\":\"" + name + "\"}");
    }

    private JsonPath put(String group, String stream, long... timestamps) {
        String events = IntStream.range(0, timestamps.length).mapToObj(i -> "{\"timestamp\":" + timestamps[i]
                + ",\"message\":\"line " + i + " at " + timestamps[i] + (i % 2 == 0 ? " ERROR" : " INFO") + "\"}")
                .collect(Collectors.joining(","));
        return logs.ok("PutLogEvents", "{\"logGroupName\":\"" + group + "\",\"logStreamName\":\"" + stream
                + "\",\"logEvents\":[" + events + "]}").extract().jsonPath();
    }

    @Test
    void groupsAreCreatedDescribedTaggedAndDeletedAsCloudWatchDoesIt() {
        group("/ecs/web");
        group("/ecs/api");
        logs.error("CreateLogGroup", "{\"logGroupName\":\"/ecs/web\"}", "ResourceAlreadyExistsException")
                .body("message", equalTo("The specified log group already exists"));
        logs.error("CreateLogGroup", "{\"logGroupName\":\"bad name\"}", "InvalidParameterException")
                .body("message", equalTo("1 validation error detected: Value 'bad name' at 'logGroupName' failed to"
                        + " satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+"));
        logs.ok("PutRetentionPolicy", "{\"logGroupName\":\"/ecs/web\",\"retentionInDays\":14}");
        logs.error("PutRetentionPolicy", "{\"logGroupName\":\"/ecs/web\",\"retentionInDays\":2}",
                "InvalidParameterException");
        String arn = "arn:aws:logs:" + logs.region() + ":" + logs.account() + ":log-group:/ecs/web";
        logs.ok("TagResource", "{\"resourceArn\":\"" + arn + "\",\"tags\":{\"team\":\"payments\"}}");
        logs.ok("ListTagsForResource", "{\"resourceArn\":\"" + arn + "\"}").body("tags.team", equalTo("payments"));

        logs.ok("DescribeLogGroups", "{}").body("logGroups.logGroupName", contains("/ecs/api", "/ecs/web"))
                .body("logGroups[1].retentionInDays", equalTo(14)).body("logGroups[1].arn", equalTo(arn + ":*"))
                .body("logGroups[1].logGroupArn", equalTo(arn)).body("logGroups[0].retentionInDays", nullValue());
        logs.ok("DescribeLogGroups", "{\"logGroupNamePrefix\":\"/ecs/w\"}").body("logGroups", hasSize(1));
        logs.ok("DescribeLogGroups", "{\"limit\":1}").body("logGroups", hasSize(1))
                .body("nextToken", org.hamcrest.Matchers.notNullValue());
        logs.error("DescribeLogGroups", "{\"logGroupNamePrefix\":\"a\",\"logGroupNamePattern\":\"b\"}",
                "InvalidParameterException");

        logs.ok("DeleteLogGroup", "{\"logGroupName\":\"/ecs/web\"}");
        logs.error("DeleteLogGroup", "{\"logGroupName\":\"/ecs/web\"}", "ResourceNotFoundException")
                .body("message", equalTo("The specified log group does not exist."));
        logs.ok("DescribeLogGroups", "{}").body("logGroups.logGroupName", contains("/ecs/api"));
    }

    @Test
    void eventsArePutAndReadPageByPageWithCloudWatchsTokens() {
        group("app");
        stream("app", "web/nginx/1");
        logs.error("PutLogEvents", "{\"logGroupName\":\"app\",\"logStreamName\":\"none\",\"logEvents\":"
                + "[{\"timestamp\":1,\"message\":\"x\"}]}", "ResourceNotFoundException")
                .body("message", equalTo("The specified log stream does not exist."));
        long now = System.currentTimeMillis();
        JsonPath answer = put("app", "web/nginx/1", now - 15 * DAY, now - 3000, now - 2000, now - 1000);
        assertThat(answer.getInt("rejectedLogEventsInfo.tooOldLogEventEndIndex")).isEqualTo(1);
        put("app", "web/nginx/1", now);

        JsonPath newest = logs.ok("GetLogEvents", "{\"logGroupName\":\"app\",\"logStreamName\":\"web/nginx/1\","
                + "\"limit\":2}").extract().jsonPath();
        assertThat(newest.getList("events.timestamp", Long.class)).containsExactly(now - 1000, now);
        JsonPath older = logs.ok("GetLogEvents", "{\"logGroupName\":\"app\",\"logStreamName\":\"web/nginx/1\","
                + "\"limit\":2,\"nextToken\":\"" + newest.getString("nextBackwardToken") + "\"}").extract().jsonPath();
        assertThat(older.getList("events.timestamp", Long.class)).containsExactly(now - 3000, now - 2000);
        JsonPath end = logs.ok("GetLogEvents", "{\"logGroupName\":\"app\",\"logStreamName\":\"web/nginx/1\","
                + "\"nextToken\":\"" + older.getString("nextBackwardToken") + "\"}").extract().jsonPath();
        assertThat(end.getList("events")).isEmpty();
        assertThat(end.getString("nextBackwardToken")).as("the end answers the token it was given")
                .isEqualTo(older.getString("nextBackwardToken"));

        JsonPath head = logs.ok("GetLogEvents", "{\"logGroupName\":\"app\",\"logStreamName\":\"web/nginx/1\","
                + "\"startFromHead\":true,\"limit\":3}").extract().jsonPath();
        assertThat(head.getList("events.timestamp", Long.class)).containsExactly(now - 3000, now - 2000, now - 1000);
        put("app", "web/nginx/1", now + 1);
        JsonPath next = logs.ok("GetLogEvents", "{\"logGroupName\":\"app\",\"logStreamName\":\"web/nginx/1\","
                + "\"startFromHead\":true,\"nextToken\":\"" + head.getString("nextForwardToken") + "\"}")
                .extract().jsonPath();
        assertThat(next.getList("events.timestamp", Long.class)).containsExactly(now, now + 1);

        logs.ok("DescribeLogStreams", "{\"logGroupName\":\"app\"}")
                .body("logStreams[0].logStreamName", equalTo("web/nginx/1"))
                .body("logStreams[0].lastEventTimestamp", equalTo(now + 1))
                .body("logStreams[0].firstEventTimestamp", equalTo(now - 3000));
        logs.error("GetLogEvents", "{\"logGroupName\":\"app\",\"logStreamName\":\"web/nginx/1\","
                + "\"nextToken\":\"f/1\"}", "InvalidParameterException")
                .body("message", equalTo("The specified nextToken is invalid."));
        logs.error("PutLogEvents", "{\"logGroupName\":\"app\",\"logStreamName\":\"web/nginx/1\",\"logEvents\":"
                + "[{\"timestamp\":" + now + ",\"message\":\"b\"},{\"timestamp\":" + (now - 1) + ",\"message\":\"a\"}]}",
                "InvalidParameterException").body("message", equalTo(
                        "Log events in a single PutLogEvents request must be in chronological order."));
    }

    @Test
    void filterLogEventsInterleavesStreamsMatchesPatternsAndPages() {
        group("filtered");
        stream("filtered", "a");
        stream("filtered", "b");
        long now = System.currentTimeMillis();
        put("filtered", "a", now - 40, now - 20);
        put("filtered", "b", now - 30, now - 10);

        JsonPath all = logs.ok("FilterLogEvents", "{\"logGroupName\":\"filtered\"}").extract().jsonPath();
        assertThat(all.getList("events.logStreamName", String.class)).containsExactly("a", "b", "a", "b");
        assertThat(all.getList("events.eventId", String.class)).allMatch(id -> id.matches("\\d{56}"));
        assertThat(all.getString("nextToken")).isNull();

        JsonPath errors = logs.ok("FilterLogEvents", "{\"logGroupName\":\"filtered\",\"filterPattern\":\"ERROR\"}")
                .extract().jsonPath();
        assertThat(errors.getList("events.timestamp", Long.class)).containsExactly(now - 40, now - 30);

        logs.ok("FilterLogEvents", "{\"logGroupName\":\"filtered\",\"logStreamNames\":[\"b\"],"
                + "\"startTime\":" + (now - 15) + "}").body("events.timestamp", contains(now - 10));

        List<Long> paged = new ArrayList<>();
        String token = null;
        do {
            JsonPath page = logs.ok("FilterLogEvents", "{\"logGroupName\":\"filtered\",\"limit\":3"
                    + (token == null ? "" : ",\"nextToken\":\"" + token + "\"") + "}").extract().jsonPath();
            paged.addAll(page.getList("events.timestamp", Long.class));
            token = page.getString("nextToken");
        } while (token != null);
        assertThat(paged).containsExactly(now - 40, now - 30, now - 20, now - 10);

        logs.error("FilterLogEvents", "{\"logGroupName\":\"filtered\",\"filterPattern\":\"ERROR[\"}",
                "InvalidParameterException").body("message", equalTo("Invalid character(s) in term 'ERROR['"));
    }

    @Test
    void aRetentionPolicyHidesAndThenRemovesOldEvents() {
        group("kept");
        stream("kept", "s");
        long now = System.currentTimeMillis();
        put("kept", "s", now - 3 * DAY);
        put("kept", "s", now - 2 * DAY);
        put("kept", "s", now);
        logs.ok("PutRetentionPolicy", "{\"logGroupName\":\"kept\",\"retentionInDays\":1}");
        logs.ok("GetLogEvents", "{\"logGroupName\":\"kept\",\"logStreamName\":\"s\"}")
                .body("events.timestamp", contains(now));
        assertThat(sweeper.sweep(System.currentTimeMillis())).isGreaterThanOrEqualTo(2);
        logs.ok("DeleteRetentionPolicy", "{\"logGroupName\":\"kept\"}");
        logs.ok("GetLogEvents", "{\"logGroupName\":\"kept\",\"logStreamName\":\"s\"}")
                .body("events.timestamp", contains(now));
    }

    @Test
    void aGroupCreatedAgainStartsWithoutTheOldStreamsAndEvents() {
        group("again");
        stream("again", "s");
        put("again", "s", System.currentTimeMillis());
        logs.ok("DeleteLogGroup", "{\"logGroupName\":\"again\"}");
        group("again");
        logs.ok("DescribeLogStreams", "{\"logGroupName\":\"again\"}").body("logStreams", hasSize(0));
        stream("again", "s");
        logs.ok("GetLogEvents", "{\"logGroupName\":\"again\",\"logStreamName\":\"s\"}").body("events", hasSize(0));
    }

    @Test
    void describeLogStreamsOrdersByLastEventTime() {
        group("ordered");
        stream("ordered", "first");
        stream("ordered", "second");
        long now = System.currentTimeMillis();
        put("ordered", "second", now - 5);
        put("ordered", "first", now);
        logs.ok("DescribeLogStreams", "{\"logGroupName\":\"ordered\",\"orderBy\":\"LastEventTime\","
                + "\"descending\":true}").body("logStreams.logStreamName", contains("first", "second"));
        logs.error("DescribeLogStreams", "{\"logGroupName\":\"ordered\",\"orderBy\":\"LastEventTime\","
                + "\"logStreamNamePrefix\":\"f\"}", "InvalidParameterException")
                .body("message", equalTo("Cannot order by LastEventTime with a logStreamNamePrefix."));
        logs.ok("DescribeLogStreams", "{\"logGroupIdentifier\":\"arn:aws:logs:" + logs.region() + ":"
                + logs.account() + ":log-group:ordered\",\"logStreamNamePrefix\":\"s\"}")
                .body("logStreams.logStreamName", contains("second"));
    }

    @Test
    void groupsAndStreamsGoOutOnTheLogsTopicButLinesDoNot() {
        group("published");
        stream("published", "s");
        put("published", "s", System.currentTimeMillis());
        try (TopicProbe probe = new TopicProbe(SharedInfrastructure.get().kafkaBootstrapServers(),
                Topics.LOGS_EVENTS)) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                    probe.poll(e -> logs.account().equals(e.account())))
                    .extracting(e -> e.payload().getClass().getSimpleName())
                    .containsExactly(LogGroupCreated.class.getSimpleName(), LogStreamCreated.class.getSimpleName()));
        }
    }
}
