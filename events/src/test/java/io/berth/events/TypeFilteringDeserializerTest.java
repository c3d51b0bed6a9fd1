package io.berth.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class TypeFilteringDeserializerTest {

    private final TypeFilteringDeserializer deserializer = new TypeFilteringDeserializer();

    @Test
    void onlyTheWantedTypesAreParsed() {
        deserializer.configure(Map.of(TypeFilteringDeserializer.TYPES, "TaskPlaced, TaskTagsChanged"), false);
        byte[] garbage = "not json".getBytes(StandardCharsets.UTF_8);

        assertThat(deserializer.deserialize("berth.task.events", typed("TaskStateChanged"), garbage)).isNull();
        assertThatThrownBy(() -> deserializer.deserialize("berth.task.events", typed("TaskTagsChanged"), garbage))
                .as("a wanted type is parsed").isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> deserializer.deserialize("berth.task.events", new RecordHeaders(), garbage))
                .as("a record without the header is parsed").isInstanceOf(RuntimeException.class);
    }

    @Test
    void aChannelWithoutTypesIsAConfigurationError() {
        assertThatThrownBy(() -> deserializer.configure(Map.of(), false))
                .hasMessageContaining(TypeFilteringDeserializer.TYPES);
    }

    private static RecordHeaders typed(String type) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(Topics.TYPE_HEADER, type.getBytes(StandardCharsets.UTF_8));
        return headers;
    }
}
