package io.berth.gateway.catalog;

import io.berth.testsupport.ChannelTypes;
import org.junit.jupiter.api.Test;

/** The catalog's cluster channel parses exactly the types CatalogConsumer's selection for it wants. */
class ChannelTypesTest {

    @Test
    void theClusterChannelParsesWhatItsSelectionWants() {
        ChannelTypes.assertParsesExactly("cluster-events", CatalogConsumer.CLUSTER_CHANGES.typeNames());
    }
}
