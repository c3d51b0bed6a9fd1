package io.berth.scaling.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.testsupport.IdleFetch;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The two task channels no call waits for fetch what 64 KiB or 500 ms gather (ADR 0066, amended in session 19): read
 * from the consumers the connector made against the real broker, not from the configuration they were made from. A
 * shorter wait makes each channel ask the broker that often whether anything came or not.
 */
@QuarkusTest
class OffPathFetchTest {

    @Inject
    KafkaClientService clients;

    @Test
    void theOffPathChannelsAskTheBrokerAtMostTwiceASecondBelow64KiB() {
        for (String channel : new String[] {"task-events", "task-state-events"}) {
            Map<String, ?> consumer = clients.getConsumer(channel).configuration();
            assertThat(String.valueOf(consumer.get("fetch.max.wait.ms"))).as(channel).isEqualTo("500");
            assertThat(String.valueOf(consumer.get("fetch.min.bytes"))).as(channel).isEqualTo("65536");
        }
    }

    @Test
    void theChannelsACallCanWaitForAreAnsweredAtOnceAndWaitOnlyWhileNothingComes() {
        // The service- and capacity-provider channels feed state a call reads: a record there is fetched at once
        // (fetch.min.bytes 1); an idle fetch lasts 2 s like every other channel's (ADR 0082, 0087).
        IdleFetch.assertEveryChannelWaitsOnlyWhenIdle(channel -> clients.getConsumer(channel).configuration(),
                Set.of("task-events", "task-state-events"));
    }
}
