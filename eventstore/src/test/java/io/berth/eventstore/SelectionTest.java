package io.berth.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.events.EventTypes;
import io.berth.events.TaskEvent;
import io.berth.events.TaskEvent.TaskPlaced;
import io.berth.events.TaskEvent.TaskStopRequested;
import io.berth.eventstore.EventConsumer.Selection;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SelectionTest {

    @Test
    void aSelectionOfKindsNamesThoseKindsOnly() {
        assertThat(Selection.of(TaskEvent.class, TaskPlaced.class, TaskStopRequested.class).typeNames())
                .containsExactlyInAnyOrder("TaskPlaced", "TaskStopRequested");
    }

    @Test
    void aSelectionOfATypeOrOfAPredicateNamesEveryEventOfTheType() {
        var all = EventTypes.all().stream().filter(TaskEvent.class::isAssignableFrom).map(EventTypes::nameOf)
                .collect(Collectors.toSet());

        assertThat(Selection.of(TaskEvent.class).typeNames()).isEqualTo(all).contains("SchedulerCommandAnswered");
        assertThat(new Selection<>(TaskEvent.class, event -> false).typeNames()).isEqualTo(all);
    }
}
