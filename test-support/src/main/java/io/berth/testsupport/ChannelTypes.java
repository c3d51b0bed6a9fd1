package io.berth.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a service's {@code application.properties} tells a channel's deserializer to parse. A channel that parses
 * only some types of its topic ({@code TypeFilteringDeserializer}, ADR 0066) names them in its
 * {@code berth.event-types}; its consumer's selection names them in Java. A service's test holds the two together,
 * so that neither can change alone: a type the selection wants but the channel does not parse would never arrive.
 */
public final class ChannelTypes {

    private static final String FILTERING = "io.berth.events.TypeFilteringDeserializer";

    private ChannelTypes() {
    }

    /** Fails unless {@code channel} parses only the types its consumer's selection names, and all of them. */
    public static void assertParsesExactly(String channel, Set<String> selected) {
        Properties properties = applicationProperties();
        String prefix = "mp.messaging.incoming." + channel + ".";
        assertThat(properties.getProperty(prefix + "value.deserializer"))
                .as("the value deserializer of channel %s", channel).isEqualTo(FILTERING);
        String types = properties.getProperty(prefix + "berth.event-types", "");
        assertThat(Arrays.stream(types.split(",")).map(String::strip).filter(t -> !t.isEmpty())
                .collect(Collectors.toSet()))
                .as("the types channel %s parses (%sberth.event-types) against its consumer's selection", channel,
                        prefix)
                .isEqualTo(selected);
    }

    static Properties applicationProperties() {
        Properties properties = new Properties();
        try (InputStream in = ChannelTypes.class.getClassLoader().getResourceAsStream("application.properties")) {
            assertThat(in).as("application.properties on the class path").isNotNull();
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
