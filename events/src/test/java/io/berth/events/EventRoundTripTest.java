package io.berth.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventRoundTripTest {

    static Stream<Class<? extends BerthEvent>> everyEventType() {
        return EventTypes.all().stream();
    }

    @Test
    void theRegistryFindsEveryRecordOfEveryTopic() {
        for (Topic topic : Topic.values()) {
            assertThat(EventTypes.leaves(topic.messages()))
                    .as("records of %s", topic.topicName())
                    .isNotEmpty()
                    .allSatisfy(type -> assertThat(EventTypes.all()).contains(type));
        }
        assertThat(EventTypes.all()).allSatisfy(type -> assertThat(type.isRecord()).isTrue());
    }

    @ParameterizedTest
    @MethodSource("everyEventType")
    void everyEventSurvivesTheWireUnchanged(Class<? extends BerthEvent> type) {
        BerthEvent example = EventExamples.of(type)
                .orElseThrow(() -> new AssertionError("EventExamples has no example of " + type.getName()));
        EventEnvelope envelope = EventExamples.envelope(example);

        byte[] wire = new EnvelopeSerializer().serialize(envelope.topic().topicName(), envelope);
        EventEnvelope back = new EnvelopeDeserializer().deserialize(envelope.topic().topicName(), wire);

        assertThat(back).isEqualTo(envelope);
        assertThat(EventTypes.classOf(back.type())).isEqualTo(type);
    }

    @ParameterizedTest
    @MethodSource("everyEventType")
    void everyEventHasAPartitionKeyAndATopic(Class<? extends BerthEvent> type) {
        BerthEvent example = EventExamples.of(type).orElseThrow();
        assertThat(example.partitionKey()).startsWith("arn:aws:");
        assertThat(Topic.of(example).messages()).isAssignableFrom(type);
    }

    @Test
    void taskDefinitionEventsAreKeyedByFamilySoRevisionsStayInOrder() {
        var registered = new TaskDefinitionEvent.TaskDefinitionDeregistered(
                "arn:aws:ecs:us-east-1:000000000000:task-definition/web:12", "web", 12, null);
        assertThat(registered.partitionKey()).isEqualTo("arn:aws:ecs:us-east-1:000000000000:task-definition/web");
    }

    @Test
    void anUnknownTypeIsRejectedWithItsName() {
        byte[] wire = """
                {"eventId":"1b4e28ba-2fa1-4d3b-9c1f-0e5a6b7c8d9e","type":"ClusterExploded","aggregateType":"cluster",
                 "aggregateId":"x","aggregateVersion":1,"occurredAt":"2026-11-26T08:00:00Z","payload":{}}
                """.getBytes();
        assertThatThrownBy(() -> new EnvelopeDeserializer().deserialize("t", wire))
                .hasMessageContaining("ClusterExploded");
    }

    @Test
    void unknownMembersAreIgnoredSoAdditiveChangesAreSafe() {
        byte[] wire = """
                {"eventId":"1b4e28ba-2fa1-4d3b-9c1f-0e5a6b7c8d9e","type":"ClusterDeleted","aggregateType":"cluster",
                 "aggregateId":"c","aggregateVersion":2,"occurredAt":"2026-11-26T08:00:00Z","futureMember":true,
                 "payload":{"clusterArn":"c","reasonAddedLater":"x"}}
                """.getBytes();
        EventEnvelope envelope = new EnvelopeDeserializer().deserialize("t", wire);
        assertThat(envelope.payload()).isEqualTo(new ClusterEvent.ClusterDeleted("c"));
    }

    @Test
    void aTruncatedMessageIsAMalformedEvent() {
        assertThatThrownBy(() -> new EnvelopeDeserializer().deserialize("t", "{\"eventId\":".getBytes()))
                .isInstanceOf(EventJson.MalformedEventException.class);
    }
}
