package io.berth.agent.autoscaling;

import io.berth.testsupport.ChannelTypes;
import org.junit.jupiter.api.Test;

/** The Auto Scaling groups' channels parse exactly the types their consumers' selections want. */
class ChannelTypesTest {

    @Test
    void eachChannelParsesWhatItsSelectionWants() {
        ChannelTypes.assertParsesExactly("capacity-provider-events", CapacityProviderEventsConsumer.SETTINGS.typeNames());
        ChannelTypes.assertParsesExactly("scaling-events", CapacityAdjustmentsConsumer.ADJUSTMENTS.typeNames());
    }
}
