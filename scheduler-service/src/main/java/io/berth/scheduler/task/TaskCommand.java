package io.berth.scheduler.task;

import io.berth.events.Shapes.Tag;
import io.berth.events.TaskEvent.TaskAwaitingCapacity;
import io.berth.events.TaskEvent.TaskPlaced;
import io.berth.events.TaskStateEvent.TaskStateReported;
import java.time.Instant;
import java.util.List;

/** What can happen to a task, each naming the task it is about. */
public sealed interface TaskCommand {

    String taskArn();

    /** The placement engine put a new or waiting task on an instance ({@code placement} says where and why). */
    record Place(TaskPlaced placement) implements TaskCommand {
        @Override
        public String taskArn() {
            return placement.taskArn();
        }
    }

    /** No instance of the task's capacity provider can hold it yet: it waits in PROVISIONING. */
    record Await(TaskAwaitingCapacity awaiting) implements TaskCommand {
        @Override
        public String taskArn() {
            return awaiting.taskArn();
        }
    }

    /** StopTask (stopCode UserInitiated) or the service scheduler (ServiceSchedulerInitiated). */
    record Stop(String clusterArn, String taskArn, String stopCode, String reason, Instant at) implements TaskCommand {
    }

    /** An agent's report about the task, received at {@code at}. */
    record Report(TaskStateReported report, Instant at) implements TaskCommand {
        @Override
        public String taskArn() {
            return report.taskArn();
        }
    }

    /** TagResource ({@code tags}) or UntagResource ({@code tagKeys}) of a task of the cluster. */
    record Retag(String clusterArn, String taskArn, List<Tag> tags, List<String> tagKeys) implements TaskCommand {
    }
}
