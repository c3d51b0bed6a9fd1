package io.berth.eventstore;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Where one written event stands in its writer's outbox: the outbox id ({@code position}) of a row
 * that {@code writer} (a service) put on {@code topic} under {@code key}. Per topic, writer and key
 * the positions grow in the order Kafka delivers the rows (ADR 0002), so "applied up to p" is one
 * number per {@link Stream}. Read your writes (ADR 0033) passes them between services as text.
 */
public record Position(String topic, String writer, String key, long position) {

    /** The HTTP header an owner answers a write with: the positions of what the write put on the outbox. */
    public static final String WRITTEN_HEADER = "X-Berth-Positions";
    /** The HTTP header the gateway sends with a call: the positions its caller's earlier writes left pending. */
    public static final String AWAIT_HEADER = "X-Berth-Await";
    /** The Kafka header of every published row: {@code <writer>:<position>}. */
    public static final String KAFKA_POSITION_HEADER = "berth-position";
    /** The Kafka header of a row that its consumer applies only once the positions it names are applied. */
    public static final String KAFKA_AWAIT_HEADER = "berth-await";

    public Position {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(writer, "writer");
        Objects.requireNonNull(key, "key");
    }

    /** The sequence of positions a position belongs to. */
    public record Stream(String topic, String writer, String key) {
    }

    public Stream stream() {
        return new Stream(topic, writer, key);
    }

    /**
     * The positions as one header value: {@code topic writer position key} per position (the key,
     * which may be any text, URL-encoded), separated by commas.
     */
    public static String format(Collection<Position> positions) {
        return positions.stream().map(p -> p.topic + " " + p.writer + " " + p.position + " "
                + URLEncoder.encode(p.key, StandardCharsets.UTF_8)).collect(Collectors.joining(","));
    }

    /**
     * The positions a header value names; what is not a position is left out, since the header only
     * ever makes a reader wait and a malformed one must not fail the call that carries it.
     */
    public static List<Position> parse(String header) {
        List<Position> positions = new ArrayList<>();
        if (header == null || header.isBlank()) {
            return positions;
        }
        for (String entry : header.split(",")) {
            String[] parts = entry.trim().split(" ");
            if (parts.length != 4) {
                continue;
            }
            try {
                positions.add(new Position(parts[0], parts[1], URLDecoder.decode(parts[3], StandardCharsets.UTF_8),
                        Long.parseLong(parts[2])));
            } catch (IllegalArgumentException malformed) {
                // Left out: see above.
            }
        }
        return positions;
    }

    /** The highest position of each stream among {@code positions}. */
    public static Collection<Position> latest(Collection<Position> positions) {
        Map<Stream, Position> latest = new LinkedHashMap<>();
        for (Position p : positions) {
            latest.merge(p.stream(), p, (a, b) -> a.position >= b.position ? a : b);
        }
        return latest.values();
    }
}
