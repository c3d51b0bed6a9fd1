package io.berth.events;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.events.Shapes.Failure;
import java.util.List;
import java.util.UUID;

/**
 * Topic {@value Topics#SCHEDULER_ANSWERS}: the scheduler-service's answers to the commands it decides,
 * read only by the gateway that waits for them (ADR 0010). They travelled on {@value Topics#TASK_EVENTS}
 * until ADR 0074: there they were most of the bytes that every reader of the task events fetched only to skip.
 */
public sealed interface SchedulerAnswer extends BerthEvent {

    String clusterArn();

    @Override
    default String partitionKey() {
        return clusterArn();
    }

    /**
     * The answer to the {@link SchedulerCommand} whose event id is {@code commandId}: the tasks it
     * placed or stopped and the failures, or the ECS error that refused it ({@code errorType} and
     * {@code errorMessage}, both null on success). The gateway waits for it. {@code written} names
     * the outbox positions of what deciding the command wrote, as a read-your-writes header carries
     * them (ADR 0033), so that the caller's next calls wait for them; null for none (and in answers
     * recorded before it existed).
     *
     * <p>{@code errorStatus} is the HTTP status the refusal is answered with: 400 for a client's
     * error, 503 for one worth retrying as it is (the caller's earlier writes had not reached the
     * scheduler yet), 500 for a failure of the scheduler; null on success and in answers recorded
     * before 2026-12-05, which the gateway reads as 400, or 500 for a {@code ServerException}.
     * {@code tasks} are the tasks the command placed or stopped as DescribeTasks shows them with
     * their tags, in the order of {@code taskArns}, so that the gateway answers without reading them
     * back (ADR 0036); null for other commands and in earlier answers. {@code service} is, likewise,
     * the service a CreateService, UpdateService or DeleteService left, as DescribeServices shows it
     * with its tags.
     */
    @JsonTypeName("SchedulerCommandAnswered")
    record SchedulerCommandAnswered(String clusterArn, UUID commandId, List<String> taskArns, List<Failure> failures,
            String errorType, String errorMessage, String written, Integer errorStatus, List<ObjectNode> tasks,
            ObjectNode service) implements SchedulerAnswer {
    }
}
