package io.berth.scaling.capacity;

import io.berth.testsupport.ChannelTypes;
import org.junit.jupiter.api.Test;

/** The measurements' channel parses exactly the types ManagedScalingConsumer's selection wants. */
class ChannelTypesTest {

    @Test
    void theMeasurementsChannelParsesWhatItsSelectionWants() {
        ChannelTypes.assertParsesExactly("task-events", ManagedScalingConsumer.MEASURED.typeNames());
    }
}
