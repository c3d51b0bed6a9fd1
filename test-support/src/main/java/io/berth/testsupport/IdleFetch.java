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
 * How a service's Kafka channels wait when nothing comes (ADR 0082, ADR 0087): the broker holds a fetch up to 2 s and
 * answers it the moment a record arrives ({@code fetch.min.bytes} 1), and the connector's poll lasts up to 2 s; the
 * channels commit with {@code berth-throttled}, which reads each partition's committed offset at its assignment, so
 * that no partition's first record waits for the poll in progress (the connector's own {@code throttled} strategy
 * looked it up on the polling thread at that record). Read from the consumers the connector made, so that a channel's
 * own setting, or one lost on the way, is seen as the client has it; the connector's own keys are read from the
 * service's effective configuration, wherever they are said (the shared ones in {@code eventstore}'s
 * {@code META-INF/microprofile-config.properties}). A shorter wait makes an idle channel ask the broker that much more
 * often; a larger {@code fetch.min.bytes} would hold back a record until the wait ends.
 */
public final class IdleFetch {

    public static final String FETCH_WAIT_MS = "2000";
    public static final String POLL_TIMEOUT_MS = "2000";
    public static final String COMMIT_STRATEGY = "berth-throttled";
    private static final String CONNECTOR = "mp.messaging.connector.smallrye-kafka.";

    private IdleFetch() {
    }

    /**
     * Fails unless every Kafka channel of the service but {@code except} fetches with the idle wait and answers at
     * once, and the connector polls as long and commits with the strategy that keeps first records off the poll.
     * {@code consumerConfiguration} gives a channel's consumer's settings (the connector's {@code KafkaClientService}).
     */
    public static void assertEveryChannelWaitsOnlyWhenIdle(Function<String, Map<String, ?>> consumerConfiguration,
            Set<String> except) {
        Config config = ConfigProvider.getConfig();
        assertThat(value(config, CONNECTOR + "poll-timeout")).as("the connector's poll-timeout")
                .contains(POLL_TIMEOUT_MS);
        assertThat(value(config, CONNECTOR + "commit-strategy")).as("the connector's commit-strategy")
                .contains(COMMIT_STRATEGY);
        Set<String> channels = kafkaChannels(config);
        assertThat(channels).as("the service's Kafka channels").isNotEmpty().containsAll(except);
        for (String channel : channels) {
            assertThat(value(config, "mp.messaging.incoming." + channel + ".poll-timeout"))
                    .as("channel %s's own poll-timeout", channel).isEmpty();
            assertThat(value(config, "mp.messaging.incoming." + channel + ".commit-strategy"))
                    .as("channel %s's own commit-strategy", channel).isEmpty();
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
