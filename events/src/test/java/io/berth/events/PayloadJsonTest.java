package io.berth.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.events.EventJson.PayloadJson;
import io.berth.events.ServiceEvent.TaskSetScaled;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A payload serialized once gives, byte for byte, what its two serializations gave: the events table's column
 * ({@code payloadToJson(payload).toString()}) and the outbox's envelope ({@link EventJson#toBytes}).
 */
class PayloadJsonTest {

    static Stream<BerthEvent> everyExample() {
        return EventTypes.all().stream().map(type -> EventExamples.of(type)
                .orElseThrow(() -> new AssertionError("EventExamples has no example of " + type.getName())));
    }

    @ParameterizedTest
    @MethodSource("everyExample")
    void everyEventIsWrittenAsItsTwoSerializationsWroteIt(BerthEvent example) {
        assertWrittenAsBefore(EventExamples.envelope(example));
    }

    /**
     * A double goes through a decimal in the tree: the column writes {@code 1E+2} where the envelope writes
     * {@code 100}, so such a payload's text can not be reused as it is.
     */
    @ParameterizedTest
    @ValueSource(doubles = {100.0, 1.0E7, 1.0E-7, 12.5, 0.1, 0.0, -3.0E21, Double.NaN})
    void decimalsThatTheColumnAndTheEnvelopeWriteDifferentlyStayAsTheyWere(double scale) {
        assertWrittenAsBefore(EventExamples.envelope(new TaskSetScaled(EventExamples.CLUSTER, EventExamples.SERVICE,
                "ecs-svc/1", scale, EventExamples.T0)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"caf\u00e9", "\ud83d\ude00", "\u2028 \u0000 \"quoted\" \\", "E+2", "\ud83d alone"})
    void textsOutsideAsciiAndEscapesStayAsTheyWere(String taskSetId) {
        assertWrittenAsBefore(EventExamples.envelope(new TaskSetScaled(EventExamples.CLUSTER, EventExamples.SERVICE,
                taskSetId, 50.0, EventExamples.T0)));
    }

    private static void assertWrittenAsBefore(EventEnvelope envelope) {
        PayloadJson json = EventJson.payloadJson(envelope.payload());

        assertThat(json.text()).isEqualTo(EventJson.payloadToJson(envelope.payload()).toString());
        assertThat(json.envelopeText(envelope).getBytes(StandardCharsets.UTF_8))
                .isEqualTo(EventJson.toBytes(envelope));
    }
}
