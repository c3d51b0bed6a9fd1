package io.berth.agent.cluster;

import io.berth.testsupport.ChannelTypes;
import org.junit.jupiter.api.Test;

/** The clusters' channel parses exactly the types its consumer's selection wants. */
class ChannelTypesTest {

    @Test
    void theChannelParsesWhatItsSelectionWants() {
        ChannelTypes.assertParsesExactly("cluster-events", ClusterEventsConsumer.CREATED_OR_DELETED.typeNames());
    }
}
