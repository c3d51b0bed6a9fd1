package io.berth.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which topics a service waits for before it answers a call that follows a write (ADR 0033). */
class ConsumedTopicsTest {

    private final SmallRyeConfig config = new SmallRyeConfigBuilder()
            .withSources(new PropertiesConfigSource(Map.of(
                    "mp.messaging.incoming.service-events.topic", "berth.service.events",
                    "mp.messaging.incoming.task-state-events.topic", "berth.task-state.events",
                    "mp.messaging.outgoing.commands.topic", "berth.scheduler.commands"), "test", 100))
            .build();

    @Test
    void theTopicsOfEveryIncomingChannelAreWaitedFor() {
        assertThat(AppliedPositions.consumedTopics(config, Set.of()))
                .containsExactly("berth.service.events", "berth.task-state.events");
    }

    @Test
    void aChannelWhoseRecordsFeedNoReadIsNeverWaitedFor() {
        assertThat(AppliedPositions.consumedTopics(config, Set.of("task-state-events")))
                .containsExactly("berth.service.events");
    }
}
