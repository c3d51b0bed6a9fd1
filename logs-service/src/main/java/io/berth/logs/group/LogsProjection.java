package io.berth.logs.group;

import io.berth.events.EventEnvelope;
import io.berth.events.LogsEvent;
import io.berth.events.LogsEvent.LogGroupCreated;
import io.berth.events.LogsEvent.LogGroupDeleted;
import io.berth.events.LogsEvent.LogStreamCreated;
import io.berth.events.LogsEvent.LogStreamDeleted;
import io.berth.eventsourcing.Projection;
import io.berth.eventstore.JsonColumns;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps {@code log_group} and {@code log_stream} equal to the group and stream event streams, in one projection so
 * that a rebuild replays them in the order they happened. Deleting a group or stream drops its row (a group's
 * streams with it) and leaves its key in {@code log_removed}, for the sweeper to remove its events.
 */
@ApplicationScoped
public class LogsProjection implements Projection {

    public static final String GROUP_STREAM = "log-group";
    public static final String STREAM_STREAM = "log-stream";
    private static final LogGroupDecider GROUPS = new LogGroupDecider();

    private final EntityManager entities;

    public LogsProjection(EntityManager entities) {
        this.entities = entities;
    }

    @Override
    public String name() {
        return "logs-view";
    }

    @Override
    public Set<String> streamTypes() {
        return Set.of(GROUP_STREAM, STREAM_STREAM);
    }

    @Override
    public void reset() {
        LogStreamView.deleteAll();
        LogGroupView.deleteAll();
    }

    @Override
    public void apply(EventEnvelope envelope) {
        LogsEvent event = (LogsEvent) envelope.payload();
        if (event instanceof LogStreamCreated created) {
            // A stream of a group deleted meanwhile belongs to a life of the group that is over: nothing to show.
            LogGroupView.byArn(created.logGroupArn()).filter(g -> g.incarnation == created.logGroupIncarnation())
                    .ifPresent(group -> {
                        LogStreamView stream = new LogStreamView();
                        stream.streamKey = envelope.eventId();
                        stream.groupKey = group.groupKey;
                        stream.name = created.logStreamName();
                        stream.creationTime = created.creationTime().toEpochMilli();
                        stream.persist();
                    });
            return;
        }
        if (event instanceof LogStreamDeleted deleted) {
            LogGroupView.byArn(deleted.logGroupArn()).flatMap(g -> LogStreamView.of(g.groupKey,
                    deleted.logStreamName())).ifPresent(stream -> {
                        removed(stream.streamKey, "stream");
                        stream.delete();
                    });
            return;
        }
        Optional<LogGroupView> found = LogGroupView.byArn(event.logGroupArn());
        if (event instanceof LogGroupDeleted) {
            found.ifPresent(group -> {
                removed(group.groupKey, "group");
                LogStreamView.delete("groupKey", group.groupKey);
                group.delete();
            });
            return;
        }
        LogGroupView view;
        LogGroupState before;
        if (event instanceof LogGroupCreated) {
            view = new LogGroupView();
            view.groupKey = envelope.eventId();
            view.arn = event.logGroupArn();
            view.account = envelope.account();
            view.region = envelope.region();
            before = LogGroupState.NONE;
        } else if (found.isPresent()) {
            view = found.get();
            before = state(view);
        } else {
            return;
        }
        LogGroupState after = GROUPS.evolve(before, event);
        view.name = after.logGroupName();
        view.incarnation = after.incarnation();
        view.creationTime = after.creationTime().toEpochMilli();
        view.retentionDays = after.retentionInDays();
        view.logGroupClass = after.logGroupClass();
        view.kmsKeyId = after.kmsKeyId();
        view.deletionProtection = after.deletionProtectionEnabled();
        view.tags = JsonColumns.write(after.tags());
        view.persist();
    }

    private void removed(java.util.UUID key, String kind) {
        entities.createNativeQuery("insert into log_removed (removed_key, kind) values (?1, ?2)"
                + " on conflict do nothing").setParameter(1, key).setParameter(2, kind).executeUpdate();
    }

    private static LogGroupState state(LogGroupView view) {
        return new LogGroupState(true, view.incarnation, view.name, java.time.Instant.ofEpochMilli(view.creationTime),
                view.logGroupClass, view.kmsKeyId, view.deletionProtection, view.retentionDays, view.tagList());
    }
}
