package io.berth.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * How a service's Kafka channels wait when nothing comes (ADR 0082): the broker holds a fetch up to 2 s and answers it
 * the moment a record arrives ({@code fetch.min.bytes} 1), and the connector's poll lasts as long. Read from the
 * consumers the connector made, so that a channel's own setting, or one lost on the way, is seen as the client has
 * it. A shorter wait makes an idle channel ask the broker that much more often; a larger {@code fetch.min.bytes}
 * would hold back a record until the wait ends.
 */
public final class IdleFetch {

    public static final String WAIT_MS = "2000";
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
        Properties properties = ChannelTypes.applicationProperties();
        assertThat(properties.getProperty(CONNECTOR + "poll-timeout")).as("the connector's poll-timeout")
                .isEqualTo(WAIT_MS);
        Set<String> channels = kafkaChannels(properties);
        assertThat(channels).as("the service's Kafka channels").isNotEmpty().containsAll(except);
        for (String channel : channels) {
            assertThat(properties.getProperty("mp.messaging.incoming." + channel + ".poll-timeout"))
                    .as("channel %s's own poll-timeout", channel).isNull();
            if (except.contains(channel)) {
                continue;
            }
            Map<String, ?> consumer = consumerConfiguration.apply(channel);
            assertThat(String.valueOf(consumer.get("fetch.max.wait.ms"))).as("channel %s's fetch wait", channel)
                    .isEqualTo(WAIT_MS);
            assertThat(consumer.get("fetch.min.bytes")).as("channel %s's fetch.min.bytes", channel).isNull();
        }
    }

    private static Set<String> kafkaChannels(Properties properties) {
        Set<String> channels = new TreeSet<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith("mp.messaging.incoming.") && key.endsWith(".connector")
                    && "smallrye-kafka".equals(properties.getProperty(key))) {
                channels.add(key.substring("mp.messaging.incoming.".length(), key.length() - ".connector".length()));
            }
        }
        return channels;
    }
}
