package io.berth.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * How a service's Kafka channels wait when nothing comes (ADR 0082, amended in session 23): the broker holds a fetch up
 * to 0.5 s and answers it the moment a record arrives ({@code fetch.min.bytes} 1), and the connector's poll lasts up
 * to 1 s: the defaults. A busy channel's next record waits for the poll to end (the connector resumes paused
 * partitions only then), so a 2 s poll shed calls on a fresh stack. Read from the consumers the connector made, so that a channel's own setting, or one lost on the way, is seen as the client has it;
 * the connector's own keys are read from the service's effective configuration, wherever they are said (the shared
 * ones in {@code eventstore}'s {@code META-INF/microprofile-config.properties}). A shorter wait makes an idle channel
 * ask the broker that much more often; a larger {@code fetch.min.bytes} would hold back a record until the wait ends.
 */
public final class IdleFetch {

    public static final String FETCH_WAIT_MS = "500";
    public static final String POLL_TIMEOUT_MS = "1000";
    private static final String CONNECTOR = "mp.messaging.connector.smallrye-kafka.";

    private IdleFetch() {
    }

    /**
     * Fails unless every Kafka channel of the service but {@code except} fetches with the idle wait and answers at
     * once, and the connector polls as long. {@code consumerConfiguration} gives a channel's consumer's settings
     * (the connector's {@code KafkaClientService}).
     */
    public static void assertEveryChannelWaitsOnlyWhenIdle(Function<String, Map<String, ?>> consumerConfiguration,
            Set<String> except) {
        Config config = ConfigProvider.getConfig();
        assertThat(value(config, CONNECTOR + "poll-timeout")).as("the connector's poll-timeout")
                .contains(POLL_TIMEOUT_MS);
        Set<String> channels = kafkaChannels(config);
        assertThat(channels).as("the service's Kafka channels").isNotEmpty().containsAll(except);
        for (String channel : channels) {
            assertThat(value(config, "mp.messaging.incoming." + channel + ".poll-timeout"))
                    .as("channel %s's own poll-timeout", channel).isEmpty();
            if (except.contains(channel)) {
                continue;
            }
            Map<String, ?> consumer = consumerConfiguration.apply(channel);
            assertThat(String.valueOf(consumer.get("fetch.max.wait.ms"))).as("channel %s's fetch wait", channel)
                    .isEqualTo(FETCH_WAIT_MS);
            assertThat(consumer.get("fetch.min.bytes")).as("channel %s's fetch.min.bytes", channel).isNull();
        }
    }

    private static Set<String> kafkaChannels(Config config) {
        Set<String> channels = new TreeSet<>();
        for (String key : config.getPropertyNames()) {
            if (key.startsWith("mp.messaging.incoming.") && key.endsWith(".connector")
                    && value(config, key).filter("smallrye-kafka"::equals).isPresent()) {
                channels.add(key.substring("mp.messaging.incoming.".length(), key.length() - ".connector".length()));
            }
        }
        return channels;
    }

    private static Optional<String> value(Config config, String key) {
        return config.getOptionalValue(key, String.class);
    }
}
