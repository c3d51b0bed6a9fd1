package io.berth.agent.fleet;

import io.berth.testsupport.ChannelTypes;
import org.junit.jupiter.api.Test;

/** The fleet's channels parse exactly the types their consumers' selections want. */
class ChannelTypesTest {

    @Test
    void eachChannelParsesWhatItsSelectionWants() {
        ChannelTypes.assertParsesExactly("task-events", TaskEventsConsumer.PLACED_OR_STOPPED.typeNames());
        ChannelTypes.assertParsesExactly("service-events", ServiceEventsConsumer.DAEMONS.typeNames());
    }
}
