package io.berth.eventstore;

import io.berth.localstack.KafkaBroker;
import io.berth.testsupport.SharedInfrastructure;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import java.util.Set;

/**
 * The topic {@link FirstRecordsTest}'s channel reads (and {@link PausedAtStopTest}'s), made before the application starts so that the channel is
 * assigned all its partitions, each still empty, when the test begins.
 */
public class FirstRecordsTopic implements QuarkusTestResourceLifecycleManager {

    static final String TOPIC = "berth-test.first-records";
    /** {@link PausedAtStopTest}'s channel's topic, made here too. */
    static final String STOP_TOPIC = "berth-test.stop-records";
    static final int PARTITIONS = 3;

    @Override
    public Map<String, String> start() {
        KafkaBroker.createTopics(SharedInfrastructure.get().kafkaBootstrapServers(), Set.of(TOPIC, STOP_TOPIC), PARTITIONS);
        return Map.of();
    }

    @Override
    public void stop() {
        // The broker is shared with the other test classes of this JVM; stopped by a shutdown hook.
    }
}
