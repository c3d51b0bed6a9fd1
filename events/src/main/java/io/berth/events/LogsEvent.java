package io.berth.events;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.berth.events.Shapes.Tag;
import java.time.Instant;
import java.util.List;

/**
 * Topic {@value Topics#LOGS_EVENTS}: CloudWatch Logs log groups and their log streams, owned by the logs-service.
 * Keyed by the log group ARN (without the trailing {@code :*}), so that a group and its streams stay in order. The
 * log events themselves are never on Kafka: they live in the logs-service's append-only store.
 */
public sealed interface LogsEvent extends BerthEvent {

    String logGroupArn();

    @Override
    default String partitionKey() {
        return logGroupArn();
    }

    /**
     * CreateLogGroup. A group deleted and created again under the same name is a new group: its streams and events
     * start empty. {@code incarnation} counts the creations of the name (1 for the first): a stream belongs to one.
     */
    @JsonTypeName("LogGroupCreated")
    record LogGroupCreated(String logGroupArn, String logGroupName, long incarnation, Instant creationTime,
            String logGroupClass, String kmsKeyId, boolean deletionProtectionEnabled, List<Tag> tags)
            implements LogsEvent {
    }

    /** DeleteLogGroup: the group, its streams and their events are gone. */
    @JsonTypeName("LogGroupDeleted")
    record LogGroupDeleted(String logGroupArn, String logGroupName) implements LogsEvent {
    }

    /** PutRetentionPolicy: events older than this many days expire. */
    @JsonTypeName("LogGroupRetentionPut")
    record LogGroupRetentionPut(String logGroupArn, int retentionInDays) implements LogsEvent {
    }

    /** DeleteRetentionPolicy: the group's events never expire. */
    @JsonTypeName("LogGroupRetentionDeleted")
    record LogGroupRetentionDeleted(String logGroupArn) implements LogsEvent {
    }

    /** TagResource, UntagResource, TagLogGroup, UntagLogGroup: the group's tags after the change. */
    @JsonTypeName("LogGroupTagsChanged")
    record LogGroupTagsChanged(String logGroupArn, List<Tag> tags) implements LogsEvent {
    }

    /** PutLogGroupDeletionProtection: whether DeleteLogGroup is refused. */
    @JsonTypeName("LogGroupDeletionProtectionChanged")
    record LogGroupDeletionProtectionChanged(String logGroupArn, boolean deletionProtectionEnabled)
            implements LogsEvent {
    }

    /**
     * CreateLogStream (or the awslogs driver creating a container's stream). {@code logGroupIncarnation} is the
     * group's {@code incarnation}: the stream belongs to that life of the group only.
     */
    @JsonTypeName("LogStreamCreated")
    record LogStreamCreated(String logGroupArn, String logStreamName, Instant creationTime, long logGroupIncarnation)
            implements LogsEvent {
    }

    /** DeleteLogStream: the stream and its events are gone. */
    @JsonTypeName("LogStreamDeleted")
    record LogStreamDeleted(String logGroupArn, String logStreamName) implements LogsEvent {
    }
}
