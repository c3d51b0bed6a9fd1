package io.berth.logs.group;

import io.berth.ecs.EcsException;
import io.berth.ecs.Tags;
import io.berth.events.LogsEvent;
import io.berth.events.LogsEvent.LogGroupCreated;
import io.berth.events.LogsEvent.LogGroupDeleted;
import io.berth.events.LogsEvent.LogGroupDeletionProtectionChanged;
import io.berth.events.LogsEvent.LogGroupRetentionDeleted;
import io.berth.events.LogsEvent.LogGroupRetentionPut;
import io.berth.events.LogsEvent.LogGroupTagsChanged;
import io.berth.eventsourcing.Decider;
import io.berth.logs.LogsErrors;
import io.berth.logs.group.LogGroupCommand.CreateLogGroup;
import io.berth.logs.group.LogGroupCommand.DeleteLogGroup;
import io.berth.logs.group.LogGroupCommand.DeleteRetentionPolicy;
import io.berth.logs.group.LogGroupCommand.PutDeletionProtection;
import io.berth.logs.group.LogGroupCommand.PutRetentionPolicy;
import io.berth.logs.group.LogGroupCommand.TagLogGroup;
import io.berth.logs.group.LogGroupCommand.UntagLogGroup;
import io.berth.events.Shapes.Tag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules of one log group: created once per life, deleted unless protected, tags within CloudWatch's limit of
 * 50. Repeating a change that changes nothing records nothing.
 */
public final class LogGroupDecider implements Decider<LogGroupCommand, LogsEvent, LogGroupState> {

    public static final int MAX_TAGS = 50;

    @Override
    public LogGroupState initialState() {
        return LogGroupState.NONE;
    }

    @Override
    public List<LogsEvent> decide(LogGroupCommand command, LogGroupState state) {
        if (command instanceof CreateLogGroup create) {
            if (state.exists()) {
                throw LogsErrors.groupExists();
            }
            return List.of(new LogGroupCreated(create.logGroupArn(), create.logGroupName(), state.incarnation() + 1,
                    create.creationTime(),
                    create.logGroupClass(), create.kmsKeyId(), create.deletionProtectionEnabled(), create.tags()));
        }
        if (!state.exists()) {
            throw LogsErrors.groupNotFound();
        }
        String arn = command.logGroupArn();
        if (command instanceof DeleteLogGroup) {
            if (state.deletionProtectionEnabled()) {
                throw new EcsException(LogsErrors.VALIDATION, "Log group " + state.logGroupName()
                        + " has deletion protection enabled; turn it off with PutLogGroupDeletionProtection first.");
            }
            return List.of(new LogGroupDeleted(arn, state.logGroupName()));
        }
        if (command instanceof PutRetentionPolicy put) {
            return Integer.valueOf(put.retentionInDays()).equals(state.retentionInDays()) ? List.of()
                    : List.of(new LogGroupRetentionPut(arn, put.retentionInDays()));
        }
        if (command instanceof DeleteRetentionPolicy) {
            return state.retentionInDays() == null ? List.of() : List.of(new LogGroupRetentionDeleted(arn));
        }
        if (command instanceof TagLogGroup tag) {
            Map<String, String> merged = new LinkedHashMap<>();
            state.tags().forEach(t -> merged.put(t.key(), t.value()));
            tag.tags().forEach(t -> merged.put(t.key(), t.value()));
            List<Tag> tags = merged.entrySet().stream().map(e -> new Tag(e.getKey(), e.getValue())).toList();
            if (tags.size() > MAX_TAGS) {
                throw new EcsException(LogsErrors.TOO_MANY_TAGS, "A resource can have no more than " + MAX_TAGS
                        + " tags.");
            }
            return tags.equals(state.tags()) ? List.of() : List.of(new LogGroupTagsChanged(arn, tags));
        }
        if (command instanceof UntagLogGroup untag) {
            var tags = Tags.remove(state.tags(), untag.keys());
            return tags.equals(state.tags()) ? List.of() : List.of(new LogGroupTagsChanged(arn, tags));
        }
        PutDeletionProtection protection = (PutDeletionProtection) command;
        return protection.enabled() == state.deletionProtectionEnabled() ? List.of()
                : List.of(new LogGroupDeletionProtectionChanged(arn, protection.enabled()));
    }

    @Override
    public LogGroupState evolve(LogGroupState state, LogsEvent event) {
        if (event instanceof LogGroupCreated created) {
            return new LogGroupState(true, created.incarnation(), created.logGroupName(), created.creationTime(),
                    created.logGroupClass(), created.kmsKeyId(), created.deletionProtectionEnabled(), null,
                    created.tags());
        }
        if (event instanceof LogGroupDeleted) {
            return new LogGroupState(false, state.incarnation(), null, null, null, null, false, null, List.of());
        }
        if (event instanceof LogGroupRetentionPut put) {
            return state.withRetention(put.retentionInDays());
        }
        if (event instanceof LogGroupRetentionDeleted) {
            return state.withRetention(null);
        }
        if (event instanceof LogGroupTagsChanged tags) {
            return state.withTags(tags.tags());
        }
        if (event instanceof LogGroupDeletionProtectionChanged protection) {
            return state.withDeletionProtection(protection.deletionProtectionEnabled());
        }
        return state;
    }
}
