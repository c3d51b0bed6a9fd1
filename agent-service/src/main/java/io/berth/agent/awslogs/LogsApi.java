package io.berth.agent.awslogs;

import io.berth.agent.runtime.TaskSpec;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The CloudWatch Logs calls the awslogs driver makes, on behalf of a task: in the group's region, with the task's
 * execution role (or the instance's own credentials when it has none), as the ECS agent hands Docker's driver.
 */
public interface LogsApi {

    void createLogGroup(TaskSpec task, String region, String group) throws LogsApiException;

    void createLogStream(TaskSpec task, String region, String group, String stream) throws LogsApiException;

    void putLogEvents(TaskSpec task, String region, String group, String stream, List<Event> events)
            throws LogsApiException;

    /** The timestamp of the last event of a stream, if it has any (to resume a container's log after a restart). */
    Optional<Instant> lastEventTime(TaskSpec task, String region, String group, String stream) throws LogsApiException;

    /** One log event. */
    record Event(long timestamp, String message) {
    }

    /** A call that failed: the service's error code (as {@code __type} names it) and message. */
    final class LogsApiException extends Exception {

        private static final long serialVersionUID = 1L;

        private final String code;
        private final boolean retryable;

        public LogsApiException(String code, String message, boolean retryable) {
            super(message);
            this.code = code;
            this.retryable = retryable;
        }

        public String code() {
            return code;
        }

        /** Whether trying the same call again later may work (the service was unreachable or overloaded). */
        public boolean retryable() {
            return retryable;
        }
    }
}
