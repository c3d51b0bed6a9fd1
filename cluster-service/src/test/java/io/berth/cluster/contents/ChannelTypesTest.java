package io.berth.cluster.contents;

import io.berth.testsupport.ChannelTypes;
import org.junit.jupiter.api.Test;

/** Each channel parses exactly the types ClusterContentsConsumer's selection for it wants. */
class ChannelTypesTest {

    @Test
    void eachChannelParsesWhatItsSelectionWants() {
        ChannelTypes.assertParsesExactly("container-instance-events", ClusterContentsConsumer.INSTANCES.typeNames());
        ChannelTypes.assertParsesExactly("task-state-events", ClusterContentsConsumer.REPORTS.typeNames());
        ChannelTypes.assertParsesExactly("task-events", ClusterContentsConsumer.PLACEMENTS.typeNames());
        ChannelTypes.assertParsesExactly("service-events", ClusterContentsConsumer.SERVICES.typeNames());
    }
}
