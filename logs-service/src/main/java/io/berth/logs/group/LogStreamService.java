package io.berth.logs.group;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.ecs.Caller;
import io.berth.ecs.EcsRequest;
import io.berth.ecs.Pages;
import io.berth.ecs.rest.CallerContext;
import io.berth.events.EventJson;
import io.berth.events.LogsEvent;
import io.berth.eventstore.AggregateCommands;
import io.berth.eventstore.EventContext;
import io.berth.eventstore.StreamId;
import io.berth.logs.LogNames;
import io.berth.logs.LogsErrors;
import io.berth.logs.LogsRequests;
import io.berth.logs.group.LogStreamCommand.CreateLogStream;
import io.berth.logs.group.LogStreamCommand.DeleteLogStream;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** The log stream operations of the CloudWatch Logs API. */
@ApplicationScoped
public class LogStreamService {

    private static final LogStreamDecider DECIDER = new LogStreamDecider();
    private static final List<String> ORDERS = List.of("LogStreamName", "LastEventTime");

    private final AggregateCommands commands;
    private final LogsProjection projection;
    private final CallerContext context;
    private final EntityManager entities;

    public LogStreamService(AggregateCommands commands, LogsProjection projection, CallerContext context,
            EntityManager entities) {
        this.commands = commands;
        this.projection = projection;
        this.context = context;
        this.entities = entities;
    }

    public ObjectNode create(EcsRequest request) {
        LogGroupView group = group(request.string("logGroupName").orElse(null));
        String name = LogNames.checkStreamName(request.string("logStreamName").orElse(null), "logStreamName");
        handle(new CreateLogStream(group.arn, name, group.incarnation, Instant.now()));
        return EventJson.mapper().createObjectNode();
    }

    public ObjectNode delete(EcsRequest request) {
        LogGroupView group = group(request.string("logGroupName").orElse(null));
        String name = request.string("logStreamName").orElseThrow(() -> LogsErrors.missing("logStreamName"));
        handle(new DeleteLogStream(group.arn, name, group.incarnation));
        return EventJson.mapper().createObjectNode();
    }

    /** One row of DescribeLogStreams: the stream and what PutLogEvents recorded of it. */
    record StreamRow(String name, long creationTime, Long firstEvent, Long lastEvent, Long lastIngestion) {
    }

    /**
     * DescribeLogStreams: by name (ASCII order) or by the time of the last event, either way round; a prefix only
     * with name order, as CloudWatch allows. The event times are kept up to date with every PutLogEvents.
     */
    public ObjectNode describe(EcsRequest request) {
        Caller caller = context.caller();
        LogGroupView group = group(LogsRequests.groupName(caller, request));
        String prefix = request.string("logStreamNamePrefix").orElse(null);
        String orderBy = request.string("orderBy").orElse("LogStreamName");
        if (!ORDERS.contains(orderBy)) {
            throw LogsErrors.constraint(orderBy, "orderBy", "Member must satisfy enum value set: " + ORDERS);
        }
        if (prefix != null && orderBy.equals("LastEventTime")) {
            throw LogsErrors.invalidParameter("Cannot order by LastEventTime with a logStreamNamePrefix.");
        }
        boolean descending = request.bool("descending").orElse(false);
        LogsRequests.limit(request, 50, 50);
        Comparator<StreamRow> order = orderBy.equals("LogStreamName") ? Comparator.comparing(StreamRow::name)
                : Comparator.comparing((StreamRow row) -> row.lastEvent() == null ? Long.MIN_VALUE : row.lastEvent())
                        .thenComparing(StreamRow::name);
        List<StreamRow> rows = rows(group, prefix).stream().sorted(descending ? order.reversed() : order).toList();
        Pages.Page<StreamRow> page = Pages.page(rows, request, 50, 50, LogsRequests.PAGING);
        ObjectNode response = EventJson.mapper().createObjectNode();
        ArrayNode streams = response.putArray("logStreams");
        for (StreamRow row : page.items()) {
            ObjectNode stream = streams.addObject().put("logStreamName", row.name())
                    .put("creationTime", row.creationTime());
            if (row.firstEvent() != null) {
                stream.put("firstEventTimestamp", row.firstEvent()).put("lastEventTimestamp", row.lastEvent())
                        .put("lastIngestionTime", row.lastIngestion());
            }
            stream.put("arn", LogNames.streamArn(group.arn, row.name())).put("storedBytes", 0);
        }
        if (page.nextToken() != null) {
            response.put("nextToken", page.nextToken());
        }
        return response;
    }

    @SuppressWarnings("unchecked")
    private List<StreamRow> rows(LogGroupView group, String prefix) {
        List<Object[]> found = entities.createNativeQuery("select s.name, s.creation_time, st.first_event,"
                + " st.last_event, st.last_ingestion from log_stream s"
                + " left join log_stream_stats st on st.stream_key = s.stream_key"
                + " where s.group_key = ?1 and left(s.name, ?2) = ?3")
                .setParameter(1, group.groupKey).setParameter(2, prefix == null ? 0 : prefix.length())
                .setParameter(3, prefix == null ? "" : prefix).getResultList();
        return found.stream().map(row -> new StreamRow((String) row[0], ((Number) row[1]).longValue(),
                number(row[2]), number(row[3]), number(row[4]))).toList();
    }

    private static Long number(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }

    private LogGroupView group(String name) {
        if (name == null) {
            throw LogsErrors.missing("logGroupName");
        }
        return LogGroupView.byName(context.caller(), name).orElseThrow(LogsErrors::groupNotFound);
    }

    private void handle(LogStreamCommand command) {
        Caller caller = context.caller();
        commands.handle(DECIDER, LogsEvent.class, new StreamId(LogsProjection.STREAM_STREAM,
                LogNames.streamArn(command.logGroupArn(), command.logStreamName())), command,
                EventContext.of(caller.account(), caller.region(), context.requestId()), projection);
    }
}
