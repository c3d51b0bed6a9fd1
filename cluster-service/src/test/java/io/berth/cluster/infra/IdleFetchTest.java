package io.berth.cluster.infra;

import io.berth.testsupport.IdleFetch;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import jakarta.inject.Inject;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every channel asks the broker every 2 s when nothing comes, and gets a record the moment it arrives, a partition's
 * first one too (ADRs 0082, 0087).
 */
@QuarkusTest
class IdleFetchTest {

    @Inject
    KafkaClientService clients;

    @Test
    void everyChannelWaitsOnlyWhileNothingComes() {
        IdleFetch.assertEveryChannelWaitsOnlyWhenIdle(channel -> clients.getConsumer(channel).configuration(),
                Set.of());
    }
}
