package io.berth.scheduler.capacity;

import io.berth.capacity.CapacityProviderFold;
import io.berth.testsupport.ChannelTypes;
import org.junit.jupiter.api.Test;

/** The providers' and the clusters' channels parse exactly the types their selections want. */
class ChannelTypesTest {

    @Test
    void eachChannelParsesWhatItsSelectionWants() {
        ChannelTypes.assertParsesExactly("capacity-provider-events", CapacityProviderFold.EVENTS.typeNames());
        ChannelTypes.assertParsesExactly("cluster-events", CapacityProviderEventsConsumer.ASSOCIATIONS.typeNames());
    }
}
