package io.berth.events;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * An {@link EnvelopeDeserializer} for a channel that wants a few types of a busy topic: a record whose type header
 * names another type is not parsed and arrives as a null value, which the consumer skeleton skips (its position still
 * counts). The wanted type names are the channel's {@value #TYPES} attribute, comma-separated. A record without the
 * header is parsed, as records from before the header were.
 */
public class TypeFilteringDeserializer extends EnvelopeDeserializer {

    /** The channel attribute (a Kafka consumer property) listing the wanted type names. */
    public static final String TYPES = "berth.event-types";

    private Set<String> wanted;

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        Object types = configs.get(TYPES);
        if (types == null || types.toString().isBlank()) {
            throw new IllegalArgumentException(TYPES + " must name the event types to read");
        }
        wanted = Arrays.stream(types.toString().split(",")).map(String::strip).filter(t -> !t.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public EventEnvelope deserialize(String topic, Headers headers, byte[] data) {
        Header type = headers == null ? null : headers.lastHeader(Topics.TYPE_HEADER);
        if (type != null && !wanted.contains(new String(type.value(), StandardCharsets.UTF_8))) {
            return null;
        }
        return deserialize(topic, data);
    }
}
