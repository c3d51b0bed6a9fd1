package io.berth.logs.store;

import io.berth.logs.LogsErrors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a log event sits in its stream and group: its timestamp, then its sequence number (the order of ingestion,
 * unique). Pages of events are read after or before a key, never by offset, so a token stays right however many
 * events arrive meanwhile.
 */
public record EventKey(long timestamp, long sequence) implements Comparable<EventKey> {

    /** Before every event. */
    public static final EventKey FIRST = new EventKey(0, 0);
    /** After every event. */
    public static final EventKey LAST = new EventKey(Long.MAX_VALUE, Long.MAX_VALUE);

    private static final Pattern STREAM_TOKEN = Pattern.compile("([fb])/(\\d{20})(\\d{36})(/s)?");

    @Override
    public int compareTo(EventKey other) {
        int byTime = Long.compare(timestamp, other.timestamp);
        return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
    }

    /** The event's {@code eventId}: its sequence number as 56 digits, as CloudWatch's ids look. */
    public static String eventId(long sequence) {
        return String.format("%056d", sequence);
    }

    /**
     * A GetLogEvents token in CloudWatch's form, {@code f/<56 digits>/s} (events after the key) or
     * {@code b/<56 digits>/s} (events before it).
     */
    public String token(boolean forward) {
        return (forward ? "f/" : "b/") + String.format("%020d%036d", timestamp, sequence) + "/s";
    }

    /** A GetLogEvents token read back: which way it reads, and from where. */
    public record StreamToken(boolean forward, EventKey key) {

        public static StreamToken parse(String token) {
            Matcher matcher = STREAM_TOKEN.matcher(token);
            if (!matcher.matches()) {
                throw LogsErrors.invalidParameter("The specified nextToken is invalid.");
            }
            try {
                return new StreamToken(matcher.group(1).equals("f"), new EventKey(Long.parseLong(matcher.group(2)),
                        Long.parseLong(matcher.group(3))));
            } catch (NumberFormatException e) {
                throw LogsErrors.invalidParameter("The specified nextToken is invalid.");
            }
        }
    }
}
