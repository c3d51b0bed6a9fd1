package io.berth.scaling.capacity;

import io.berth.capacity.CapacityProviderFold;
import io.berth.testsupport.ChannelTypes;
import org.junit.jupiter.api.Test;

/** The measurements' and the providers' channels parse exactly the types their selections want. */
class ChannelTypesTest {

    @Test
    void eachChannelParsesWhatItsSelectionWants() {
        ChannelTypes.assertParsesExactly("task-events", ManagedScalingConsumer.MEASURED.typeNames());
        ChannelTypes.assertParsesExactly("capacity-provider-events", CapacityProviderFold.EVENTS.typeNames());
    }
}
