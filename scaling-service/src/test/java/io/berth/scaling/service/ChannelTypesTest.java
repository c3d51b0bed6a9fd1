package io.berth.scaling.service;

import io.berth.testsupport.ChannelTypes;
import org.junit.jupiter.api.Test;

/** The services' channel parses exactly the types ServiceEventsConsumer's selection wants. */
class ChannelTypesTest {

    @Test
    void theServicesChannelParsesWhatItsSelectionWants() {
        ChannelTypes.assertParsesExactly("service-events", ServiceEventsConsumer.FOLLOWED.typeNames());
    }
}
