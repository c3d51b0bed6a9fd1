package io.berth.logs.group;

import io.berth.events.Shapes.Tag;
import java.time.Instant;
import java.util.List;

/** What can be asked of a log group. */
public sealed interface LogGroupCommand {

    String logGroupArn();

    record CreateLogGroup(String logGroupArn, String logGroupName, Instant creationTime, String logGroupClass,
            String kmsKeyId, boolean deletionProtectionEnabled, List<Tag> tags) implements LogGroupCommand {
    }

    record DeleteLogGroup(String logGroupArn) implements LogGroupCommand {
    }

    record PutRetentionPolicy(String logGroupArn, int retentionInDays) implements LogGroupCommand {
    }

    record DeleteRetentionPolicy(String logGroupArn) implements LogGroupCommand {
    }

    record TagLogGroup(String logGroupArn, List<Tag> tags) implements LogGroupCommand {
    }

    record UntagLogGroup(String logGroupArn, List<String> keys) implements LogGroupCommand {
    }

    record PutDeletionProtection(String logGroupArn, boolean enabled) implements LogGroupCommand {
    }
}
