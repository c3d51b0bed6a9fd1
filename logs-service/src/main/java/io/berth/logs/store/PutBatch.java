package io.berth.logs.store;

import io.berth.logs.LogsErrors;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * PutLogEvents' rules for one batch, as CloudWatch applies them: 1–10,000 events, at most 1,048,576 bytes counting
 * 26 bytes per event, in chronological order, spanning at most 24 hours. Events more than 2 hours in the future,
 * more than 14 days old, or older than the group's retention are rejected one by one (reported in
 * {@code rejectedLogEventsInfo}); the rest are accepted.
 *
 * @param from the index of the first accepted event
 * @param to the index after the last accepted event
 */
public record PutBatch(List<InputEvent> events, int from, int to, Integer tooNewStart, Integer tooOldEnd,
        Integer expiredEnd) {

    public static final int MAX_EVENTS = 10_000;
    public static final int MAX_BYTES = 1_048_576;
    public static final int EVENT_OVERHEAD = 26;
    static final Duration MAX_SPAN = Duration.ofHours(24);
    static final Duration TOO_NEW = Duration.ofHours(2);
    static final Duration TOO_OLD = Duration.ofDays(14);

    /** One event as the request gives it. */
    public record InputEvent(long timestamp, String message) {
    }

    public List<InputEvent> accepted() {
        return events.subList(from, to);
    }

    public boolean rejectedAny() {
        return tooNewStart != null || tooOldEnd != null || expiredEnd != null;
    }

    /**
     * Checks a batch against the rules at {@code now} (epoch milliseconds) for a group that keeps events
     * {@code retentionDays} (null: forever); throws InvalidParameterException for a batch that breaks them as a
     * whole.
     */
    public static PutBatch check(List<InputEvent> events, long now, Integer retentionDays) {
        if (events.isEmpty()) {
            throw LogsErrors.constraint("[]", "logEvents", "Member must have length greater than or equal to 1");
        }
        if (events.size() > MAX_EVENTS) {
            throw LogsErrors.constraint("[...]", "logEvents", "Member must have length less than or equal to "
                    + MAX_EVENTS);
        }
        long bytes = 0;
        for (int i = 0; i < events.size(); i++) {
            InputEvent event = events.get(i);
            if (event.message().isEmpty()) {
                throw LogsErrors.constraint("", "logEvents." + (i + 1) + ".member.message",
                        "Member must have length greater than or equal to 1");
            }
            bytes += event.message().getBytes(StandardCharsets.UTF_8).length + EVENT_OVERHEAD;
            if (i > 0 && event.timestamp() < events.get(i - 1).timestamp()) {
                throw LogsErrors.invalidParameter(
                        "Log events in a single PutLogEvents request must be in chronological order.");
            }
        }
        if (bytes > MAX_BYTES) {
            throw LogsErrors.invalidParameter("Upload too large: " + bytes + " bytes exceeds limit of " + MAX_BYTES);
        }
        int tooOldEnd = 0;
        int expiredEnd = 0;
        int tooNewStart = events.size();
        long oldest = now - TOO_OLD.toMillis();
        long expiry = retentionDays == null ? Long.MIN_VALUE : now - Duration.ofDays(retentionDays).toMillis();
        for (int i = 0; i < events.size(); i++) {
            long timestamp = events.get(i).timestamp();
            if (timestamp < oldest) {
                tooOldEnd = i + 1;
            }
            if (timestamp < expiry) {
                expiredEnd = i + 1;
            }
            if (timestamp > now + TOO_NEW.toMillis() && tooNewStart == events.size()) {
                tooNewStart = i;
            }
        }
        int from = Math.max(tooOldEnd, expiredEnd);
        int to = Math.max(from, tooNewStart);
        if (to > from && events.get(to - 1).timestamp() - events.get(from).timestamp() > MAX_SPAN.toMillis()) {
            throw LogsErrors.invalidParameter(
                    "The batch of log events in a single PutLogEvents request cannot span more than 24 hours.");
        }
        return new PutBatch(events, from, to, tooNewStart < events.size() ? tooNewStart : null,
                tooOldEnd > 0 ? tooOldEnd : null, expiredEnd > 0 ? expiredEnd : null);
    }
}
