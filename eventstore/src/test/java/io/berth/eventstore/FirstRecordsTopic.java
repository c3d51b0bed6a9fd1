package io.berth.eventstore;

import io.berth.localstack.KafkaBroker;
import io.berth.testsupport.SharedInfrastructure;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The topics {@link FirstRecordsTest}'s and {@link PausedAtStopTest}'s channels read, made before the application
 * starts so that each channel is assigned all its partitions, each still empty, when its test begins, and the one
 * way both tests write to them.
 */
public class FirstRecordsTopic implements QuarkusTestResourceLifecycleManager {

    static final String TOPIC = "berth-test.first-records";
    /** {@link PausedAtStopTest}'s channel's topic, made here too. */
    static final String STOP_TOPIC = "berth-test.stop-records";
    static final int PARTITIONS = 3;

    @Override
    public Map<String, String> start() {
        KafkaBroker.createTopics(SharedInfrastructure.get().kafkaBootstrapServers(), Set.of(TOPIC, STOP_TOPIC),
                PARTITIONS);
        return Map.of();
    }

    /** A producer to the shared broker that waits for every write to be acknowledged, for the tests to close. */
    static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.get().kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
    }

    @Override
    public void stop() {
        // The broker is shared with the other test classes of this JVM; stopped by a shutdown hook.
    }
}
