package io.berth.scheduler.task;

import io.berth.testsupport.ChannelTypes;
import org.junit.jupiter.api.Test;

/** The reports' channel parses exactly the types TaskStateConsumer's selection wants. */
class ChannelTypesTest {

    @Test
    void theReportsChannelParsesWhatItsSelectionWants() {
        ChannelTypes.assertParsesExactly("task-state-events", TaskStateConsumer.REPORTS.typeNames());
    }
}
