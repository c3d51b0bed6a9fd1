package io.berth.logs.store;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.ecs.Caller;
import io.berth.ecs.EcsException;
import io.berth.ecs.EcsRequest;
import io.berth.ecs.rest.CallerContext;
import io.berth.events.EventJson;
import io.berth.logs.LogNames;
import io.berth.logs.LogsErrors;
import io.berth.logs.LogsRequests;
import io.berth.logs.filter.FilterPattern;
import io.berth.logs.filter.FilterPattern.InvalidFilterPatternException;
import io.berth.logs.store.EventKey.StreamToken;
import io.berth.logs.store.LogEventStore.Located;
import io.berth.logs.store.LogEventStore.Range;
import io.berth.logs.store.LogEventStore.StoredEvent;
import io.berth.logs.store.PutBatch.InputEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** PutLogEvents, GetLogEvents, FilterLogEvents and TestMetricFilter: the log events themselves. */
@ApplicationScoped
public class LogEventService {

    public static final int MAX_EVENTS = 10_000;
    /** What one answer holds at most, as CloudWatch caps it. */
    static final int MAX_ANSWER_BYTES = 1_048_576;
    /** FilterLogEvents reads its events in chunks of this many. */
    static final int CHUNK = 1_000;
    /**
     * How many events one FilterLogEvents call reads before it answers with what it found and a token to go on:
     * CloudWatch's pages can be partial or empty too, and a pattern that matches little must not hold a call long.
     */
    static final int SCAN_BUDGET = 100_000;
    private static final String FILTER_TOKEN = "berth-filter/";

    private final LogEventStore store;
    private final CallerContext context;

    public LogEventService(LogEventStore store, CallerContext context) {
        this.store = store;
        this.context = context;
    }

    public ObjectNode put(EcsRequest request) {
        Caller caller = context.caller();
        String group = request.string("logGroupName").orElseThrow(() -> LogsErrors.missing("logGroupName"));
        String stream = request.string("logStreamName").orElseThrow(() -> LogsErrors.missing("logStreamName"));
        if (!request.has("logEvents")) {
            throw LogsErrors.missing("logEvents");
        }
        List<InputEvent> events = new ArrayList<>();
        for (EcsRequest event : request.objects("logEvents")) {
            long timestamp = LogsRequests.longMember(event, "timestamp")
                    .orElseThrow(() -> LogsErrors.missing("logEvents.member.timestamp"));
            String message = event.string("message").orElseThrow(() -> LogsErrors.missing("logEvents.member.message"));
            events.add(new InputEvent(timestamp, message));
        }
        Located located = store.locate(LogNames.groupArn(caller, group), stream)
                .orElseThrow(LogsErrors::groupNotFound);
        if (located.streamKey() == null) {
            throw LogsErrors.streamNotFound();
        }
        long now = System.currentTimeMillis();
        PutBatch batch = PutBatch.check(events, now, located.retentionDays());
        ObjectNode response = EventJson.mapper().createObjectNode();
        if (!batch.accepted().isEmpty()) {
            long last = store.append(located.groupKey(), located.streamKey(), batch.accepted(), now);
            response.put("nextSequenceToken", EventKey.eventId(last));
        }
        if (batch.rejectedAny()) {
            ObjectNode rejected = response.putObject("rejectedLogEventsInfo");
            if (batch.tooNewStart() != null) {
                rejected.put("tooNewLogEventStartIndex", batch.tooNewStart());
            }
            if (batch.tooOldEnd() != null) {
                rejected.put("tooOldLogEventEndIndex", batch.tooOldEnd());
            }
            if (batch.expiredEnd() != null) {
                rejected.put("expiredLogEventEndIndex", batch.expiredEnd());
            }
        }
        return response;
    }

    /**
     * GetLogEvents: one stream, oldest first ({@code startFromHead}) or newest first (the default), from a token in
     * either direction. Both tokens are always answered; where nothing more lies in a direction, its token is the
     * one the caller passed, which is how callers know they reached the end.
     */
    public ObjectNode get(EcsRequest request) {
        Caller caller = context.caller();
        String group = LogsRequests.groupName(caller, request);
        String stream = request.string("logStreamName").orElseThrow(() -> LogsErrors.missing("logStreamName"));
        Located located = store.locate(LogNames.groupArn(caller, group), stream)
                .orElseThrow(LogsErrors::groupNotFound);
        if (located.streamKey() == null) {
            throw LogsErrors.streamNotFound();
        }
        int limit = LogsRequests.limit(request, MAX_EVENTS, MAX_EVENTS);
        StreamToken token = request.string("nextToken").map(StreamToken::parse).orElse(null);
        boolean forward = token != null ? token.forward() : request.bool("startFromHead").orElse(false);
        EventKey from = token != null ? token.key() : forward ? EventKey.FIRST : EventKey.LAST;
        long start = Math.max(LogsRequests.longMember(request, "startTime").orElse(0L), expiry(located));
        long end = LogsRequests.longMember(request, "endTime").orElse(Long.MAX_VALUE);
        List<StoredEvent> events = store.readStream(located.streamKey(), new Range(from, forward, start, end, limit));
        events = withinAnswer(events, forward);
        ObjectNode response = EventJson.mapper().createObjectNode();
        ArrayNode list = response.putArray("events");
        events.forEach(event -> list.addObject().put("timestamp", event.key().timestamp())
                .put("message", event.message()).put("ingestionTime", event.ingestionTime()));
        if (events.isEmpty()) {
            EventKey at = token != null ? token.key() : EventKey.FIRST;
            response.put("nextForwardToken", at.token(true)).put("nextBackwardToken", at.token(false));
        } else {
            response.put("nextForwardToken", events.get(events.size() - 1).key().token(true))
                    .put("nextBackwardToken", events.get(0).key().token(false));
        }
        return response;
    }

    /**
     * FilterLogEvents: a group's events across its streams (all, named, or by prefix), interleaved in time order,
     * those the pattern matches. A call reads at most {@value #SCAN_BUDGET} events; {@code nextToken} is there while
     * more may follow.
     */
    public ObjectNode filter(EcsRequest request) {
        Caller caller = context.caller();
        String group = LogsRequests.groupName(caller, request);
        Located located = store.locate(LogNames.groupArn(caller, group), null).orElseThrow(LogsErrors::groupNotFound);
        List<String> names = request.has("logStreamNames") ? request.strings("logStreamNames") : null;
        String prefix = request.string("logStreamNamePrefix").orElse(null);
        if (names != null && prefix != null) {
            throw LogsErrors.invalidParameter("logStreamNames and logStreamNamePrefix are mutually exclusive.");
        }
        if (names != null && (names.isEmpty() || names.size() > 100)) {
            throw LogsErrors.constraint(names, "logStreamNames", "Member must have length between 1 and 100");
        }
        FilterPattern pattern = pattern(request.string("filterPattern").orElse(null));
        int limit = LogsRequests.limit(request, MAX_EVENTS, MAX_EVENTS);
        boolean forward = request.bool("startFromHead").orElse(true);
        long start = Math.max(LogsRequests.longMember(request, "startTime").orElse(0L), expiry(located));
        long endTime = LogsRequests.longMember(request, "endTime").orElse(Long.MAX_VALUE);
        EventKey from = request.string("nextToken").map(token -> filterToken(token, forward))
                .orElse(forward ? EventKey.FIRST : EventKey.LAST);
        List<UUID> streams = names == null && prefix == null ? null : store.streamKeys(located.groupKey(), names,
                prefix);

        ObjectNode response = EventJson.mapper().createObjectNode();
        ArrayNode list = response.putArray("events");
        response.putArray("searchedLogStreams");
        if (streams != null && streams.isEmpty()) {
            return response;
        }
        int found = 0;
        long bytes = 0;
        int scanned = 0;
        EventKey position = from;
        boolean more = true;
        scan:
        while (true) {
            List<StoredEvent> chunk = store.scanGroup(located.groupKey(), streams, pattern.requiredText(),
                    new Range(position, forward, start, endTime == Long.MAX_VALUE ? endTime : endTime + 1, CHUNK));
            for (StoredEvent event : chunk) {
                position = event.key();
                scanned++;
                if (pattern.matches(event.message())) {
                    list.addObject().put("logStreamName", event.streamName())
                            .put("timestamp", event.key().timestamp()).put("message", event.message())
                            .put("ingestionTime", event.ingestionTime())
                            .put("eventId", EventKey.eventId(event.key().sequence()));
                    found++;
                    bytes += event.message().getBytes(StandardCharsets.UTF_8).length + PutBatch.EVENT_OVERHEAD;
                    if (found >= limit || bytes >= MAX_ANSWER_BYTES) {
                        break scan;
                    }
                }
            }
            if (chunk.size() < CHUNK) {
                more = false;
                break;
            }
            if (scanned >= SCAN_BUDGET) {
                break;
            }
        }
        if (more) {
            response.put("nextToken", filterToken(position, forward));
        }
        return response;
    }

    /** TestMetricFilter: which of the messages the pattern matches, with a space-delimited pattern's fields. */
    public ObjectNode testMetricFilter(EcsRequest request) {
        FilterPattern pattern = pattern(request.string("filterPattern")
                .orElseThrow(() -> LogsErrors.missing("filterPattern")));
        List<String> messages = request.strings("logEventMessages");
        if (messages.isEmpty() || messages.size() > 50) {
            throw LogsErrors.constraint(messages, "logEventMessages", "Member must have length between 1 and 50");
        }
        ObjectNode response = EventJson.mapper().createObjectNode();
        ArrayNode matches = response.putArray("matches");
        for (int i = 0; i < messages.size(); i++) {
            String message = messages.get(i);
            if (pattern.matches(message)) {
                ObjectNode match = matches.addObject().put("eventNumber", i + 1).put("eventMessage", message);
                ObjectNode values = match.putObject("extractedValues");
                pattern.extract(message).orElse(Map.of()).forEach((name, value) -> values.put("$" + name, value));
            }
        }
        return response;
    }

    /** When the group's retention lets events expire, the oldest timestamp it still keeps; 0 otherwise. */
    private static long expiry(Located located) {
        return located.retentionDays() == null ? 0
                : System.currentTimeMillis() - Duration.ofDays(located.retentionDays()).toMillis();
    }

    private static FilterPattern pattern(String text) {
        try {
            return FilterPattern.parse(text);
        } catch (InvalidFilterPatternException e) {
            throw LogsErrors.invalidParameter(e.getMessage());
        }
    }

    /** An answer holds at most 1 MB of events: the oldest when reading forward, the newest when backward. */
    private static List<StoredEvent> withinAnswer(List<StoredEvent> events, boolean forward) {
        long bytes = 0;
        int count = 0;
        for (int i = 0; i < events.size(); i++) {
            StoredEvent event = events.get(forward ? i : events.size() - 1 - i);
            bytes += event.message().getBytes(StandardCharsets.UTF_8).length + PutBatch.EVENT_OVERHEAD;
            if (bytes > MAX_ANSWER_BYTES && count > 0) {
                break;
            }
            count++;
        }
        return forward ? events.subList(0, count) : events.subList(events.size() - count, events.size());
    }

    static String filterToken(EventKey key, boolean forward) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((FILTER_TOKEN + (forward ? "f/" : "b/")
                + key.timestamp() + "/" + key.sequence()).getBytes(StandardCharsets.UTF_8));
    }

    static EventKey filterToken(String token, boolean forward) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            String[] parts = text.substring(FILTER_TOKEN.length()).split("/");
            if (!text.startsWith(FILTER_TOKEN) || parts.length != 3 || !parts[0].equals(forward ? "f" : "b")) {
                throw new IllegalArgumentException(text);
            }
            return new EventKey(Long.parseLong(parts[1]), Long.parseLong(parts[2]));
        } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
            throw new EcsException(LogsErrors.INVALID_PARAMETER, "The specified nextToken is invalid.");
        }
    }
}
