package io.berth.logs.group;

import io.berth.events.Shapes.Tag;
import java.time.Instant;
import java.util.List;

/**
 * A log group folded from its stream. {@code incarnation} counts its creations: a group deleted and created again
 * under the same name is a new life of it, and streams belong to one life only.
 */
public record LogGroupState(boolean exists, long incarnation, String logGroupName, Instant creationTime,
        String logGroupClass, String kmsKeyId, boolean deletionProtectionEnabled, Integer retentionInDays,
        List<Tag> tags) {

    public static final LogGroupState NONE = new LogGroupState(false, 0, null, null, null, null, false, null,
            List.of());

    public LogGroupState {
        tags = List.copyOf(tags);
    }

    LogGroupState withRetention(Integer days) {
        return new LogGroupState(exists, incarnation, logGroupName, creationTime, logGroupClass, kmsKeyId,
                deletionProtectionEnabled, days, tags);
    }

    LogGroupState withTags(List<Tag> newTags) {
        return new LogGroupState(exists, incarnation, logGroupName, creationTime, logGroupClass, kmsKeyId,
                deletionProtectionEnabled, retentionInDays, newTags);
    }

    LogGroupState withDeletionProtection(boolean enabled) {
        return new LogGroupState(exists, incarnation, logGroupName, creationTime, logGroupClass, kmsKeyId, enabled,
                retentionInDays, tags);
    }
}
