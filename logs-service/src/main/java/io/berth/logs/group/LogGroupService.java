package io.berth.logs.group;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.ecs.Caller;
import io.berth.ecs.EcsException;
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
import io.berth.logs.group.LogGroupCommand.CreateLogGroup;
import io.berth.logs.group.LogGroupCommand.DeleteLogGroup;
import io.berth.logs.group.LogGroupCommand.DeleteRetentionPolicy;
import io.berth.logs.group.LogGroupCommand.PutDeletionProtection;
import io.berth.logs.group.LogGroupCommand.PutRetentionPolicy;
import io.berth.logs.group.LogGroupCommand.TagLogGroup;
import io.berth.logs.group.LogGroupCommand.UntagLogGroup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The log group operations of the CloudWatch Logs API, their tags and retention. */
@ApplicationScoped
public class LogGroupService {

    /** The values {@code retentionInDays} may take. */
    public static final List<Integer> RETENTION_DAYS = List.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400,
            545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);
    static final List<String> CLASSES = List.of("STANDARD", "INFREQUENT_ACCESS", "DELIVERY");
    private static final LogGroupDecider DECIDER = new LogGroupDecider();

    private final AggregateCommands commands;
    private final LogsProjection projection;
    private final CallerContext context;
    private final EntityManager entities;

    public LogGroupService(AggregateCommands commands, LogsProjection projection, CallerContext context,
            EntityManager entities) {
        this.commands = commands;
        this.projection = projection;
        this.context = context;
        this.entities = entities;
    }

    public ObjectNode create(EcsRequest request) {
        String name = LogNames.checkGroupName(request.string("logGroupName").orElse(null), "logGroupName");
        if (name.startsWith("aws/")) {
            throw LogsErrors.invalidParameter("Log group names starting with aws/ are reserved for AWS services.");
        }
        String logGroupClass = request.string("logGroupClass").orElse("STANDARD");
        if (!CLASSES.contains(logGroupClass)) {
            throw LogsErrors.constraint(logGroupClass, "logGroupClass", "Member must satisfy enum value set: "
                    + CLASSES);
        }
        String kmsKeyId = request.string("kmsKeyId").orElse(null);
        handle(new CreateLogGroup(LogNames.groupArn(context.caller(), name), name, Instant.now(), logGroupClass,
                kmsKeyId, request.bool("deletionProtectionEnabled").orElse(false),
                LogsRequests.tags(request, "tags")));
        return empty();
    }

    public ObjectNode delete(EcsRequest request) {
        handle(new DeleteLogGroup(arnOf(request.string("logGroupName").orElse(null))));
        return empty();
    }

    public ObjectNode putRetention(EcsRequest request) {
        String arn = arnOf(request.string("logGroupName").orElse(null));
        int days = request.integer("retentionInDays").orElseThrow(() -> LogsErrors.missing("retentionInDays"));
        if (!RETENTION_DAYS.contains(days)) {
            throw LogsErrors.constraint(days, "retentionInDays", "Member must satisfy enum value set: "
                    + RETENTION_DAYS);
        }
        handle(new PutRetentionPolicy(arn, days));
        return empty();
    }

    public ObjectNode deleteRetention(EcsRequest request) {
        handle(new DeleteRetentionPolicy(arnOf(request.string("logGroupName").orElse(null))));
        return empty();
    }

    public ObjectNode putDeletionProtection(EcsRequest request) {
        String name = LogNames.groupNameOf(context.caller(), request.requiredString("logGroupIdentifier"))
                .orElseThrow(LogsErrors::groupNotFound);
        boolean enabled = request.bool("deletionProtectionEnabled")
                .orElseThrow(() -> LogsErrors.missing("deletionProtectionEnabled"));
        handle(new PutDeletionProtection(arnOf(name), enabled));
        return empty();
    }

    /** TagResource, on a log group's ARN (the form without {@code :*}). */
    public ObjectNode tagResource(EcsRequest request) {
        handle(new TagLogGroup(arnOfResource(request), requiredTags(request)));
        return empty();
    }

    public ObjectNode untagResource(EcsRequest request) {
        String arn = arnOfResource(request);
        if (!request.has("tagKeys")) {
            throw LogsErrors.missing("tagKeys");
        }
        handle(new UntagLogGroup(arn, request.strings("tagKeys")));
        return empty();
    }

    public ObjectNode listTagsForResource(EcsRequest request) {
        ObjectNode response = EventJson.mapper().createObjectNode();
        response.set("tags", LogsRequests.tagMap(view(arnOfResource(request)).tagList()));
        return response;
    }

    /** TagLogGroup, the deprecated form of TagResource by name. */
    public ObjectNode tagLogGroup(EcsRequest request) {
        handle(new TagLogGroup(arnOf(request.string("logGroupName").orElse(null)), requiredTags(request)));
        return empty();
    }

    public ObjectNode untagLogGroup(EcsRequest request) {
        String arn = arnOf(request.string("logGroupName").orElse(null));
        if (!request.has("tags")) {
            throw LogsErrors.missing("tags");
        }
        handle(new UntagLogGroup(arn, request.strings("tags")));
        return empty();
    }

    public ObjectNode listTagsLogGroup(EcsRequest request) {
        ObjectNode response = EventJson.mapper().createObjectNode();
        response.set("tags", LogsRequests.tagMap(view(arnOf(request.string("logGroupName").orElse(null)))
                .tagList()));
        return response;
    }

    /**
     * DescribeLogGroups: the caller's groups in ASCII order of name, by prefix, by substring pattern (then only
     * {@code arn}, {@code creationTime} and {@code logGroupName}, as CloudWatch answers), or by identifiers.
     */
    public ObjectNode describe(EcsRequest request) {
        Caller caller = context.caller();
        String prefix = request.string("logGroupNamePrefix").orElse(null);
        String pattern = request.string("logGroupNamePattern").orElse(null);
        if (prefix != null && pattern != null) {
            throw LogsErrors.invalidParameter("LogGroup name prefix and LogGroup name pattern are mutually"
                    + " exclusive parameters.");
        }
        List<String> identifiers = request.strings("logGroupIdentifiers");
        if (identifiers.size() > 50) {
            throw LogsErrors.constraint(identifiers, "logGroupIdentifiers",
                    "Member must have length less than or equal to 50");
        }
        Set<String> named = identifiers.isEmpty() ? null : new java.util.HashSet<>();
        identifiers.forEach(id -> LogNames.groupNameOf(caller, id).ifPresent(named::add));
        String logGroupClass = request.string("logGroupClass").orElse(null);
        List<LogGroupView> groups = LogGroupView.of(caller).stream()
                .filter(g -> prefix == null || g.name.startsWith(prefix))
                .filter(g -> pattern == null || g.name.contains(pattern))
                .filter(g -> named == null || named.contains(g.name))
                .filter(g -> logGroupClass == null || logGroupClass.equals(g.logGroupClass))
                .toList();
        LogsRequests.limit(request, 50, 50);
        Pages.Page<LogGroupView> page = Pages.page(groups, request, 50, 50, LogsRequests.PAGING);
        Map<UUID, Long> stored = storedBytes(page.items());
        ObjectNode response = EventJson.mapper().createObjectNode();
        ArrayNode list = response.putArray("logGroups");
        for (LogGroupView group : page.items()) {
            ObjectNode item = list.addObject();
            item.put("logGroupName", group.name).put("creationTime", group.creationTime);
            if (pattern != null) {
                item.put("arn", group.arn + ":*");
                continue;
            }
            if (group.retentionDays != null) {
                item.put("retentionInDays", group.retentionDays);
            }
            item.put("metricFilterCount", 0).put("arn", group.arn + ":*").put("storedBytes",
                    stored.getOrDefault(group.groupKey, 0L));
            if (group.kmsKeyId != null) {
                item.put("kmsKeyId", group.kmsKeyId);
            }
            item.put("logGroupClass", group.logGroupClass).put("logGroupArn", group.arn)
                    .put("deletionProtectionEnabled", group.deletionProtection);
        }
        if (page.nextToken() != null) {
            response.put("nextToken", page.nextToken());
        }
        return response;
    }

    /** ListLogGroups: names, ARNs and classes, by substring pattern and class. */
    public ObjectNode list(EcsRequest request) {
        Caller caller = context.caller();
        String pattern = request.string("logGroupNamePattern").orElse(null);
        String logGroupClass = request.string("logGroupClass").orElse(null);
        List<LogGroupView> groups = LogGroupView.of(caller).stream()
                .filter(g -> pattern == null || g.name.contains(pattern))
                .filter(g -> logGroupClass == null || logGroupClass.equals(g.logGroupClass))
                .toList();
        LogsRequests.limit(request, 1000, 50);
        Pages.Page<LogGroupView> page = Pages.page(groups, request, 1000, 50, LogsRequests.PAGING);
        ObjectNode response = EventJson.mapper().createObjectNode();
        ArrayNode list = response.putArray("logGroups");
        page.items().forEach(g -> list.addObject().put("logGroupName", g.name).put("logGroupArn", g.arn)
                .put("logGroupClass", g.logGroupClass));
        if (page.nextToken() != null) {
            response.put("nextToken", page.nextToken());
        }
        return response;
    }

    /** The group a request names by {@code logGroupName}, for the operations that take only that. */
    private String arnOf(String name) {
        if (name == null) {
            throw LogsErrors.missing("logGroupName");
        }
        return LogNames.groupArn(context.caller(), name);
    }

    private String arnOfResource(EcsRequest request) {
        String resourceArn = request.string("resourceArn").orElseThrow(() -> LogsErrors.missing("resourceArn"));
        if (resourceArn.endsWith(":*")) {
            throw LogsErrors.invalidParameter("The resourceArn of a log group is its ARN without the trailing :*.");
        }
        String name = LogNames.groupNameOf(context.caller(), resourceArn).filter(n -> resourceArn.startsWith("arn:"))
                .orElseThrow(() -> new EcsException(LogsErrors.RESOURCE_NOT_FOUND,
                        "The specified resource does not exist."));
        return LogNames.groupArn(context.caller(), name);
    }

    private static List<io.berth.events.Shapes.Tag> requiredTags(EcsRequest request) {
        if (!request.has("tags")) {
            throw LogsErrors.missing("tags");
        }
        return LogsRequests.tags(request, "tags");
    }

    private LogGroupView view(String arn) {
        return LogGroupView.byArn(arn).orElseThrow(LogsErrors::groupNotFound);
    }

    /** What the groups' streams hold, from the statistics PutLogEvents and the sweeper keep. */
    @SuppressWarnings("unchecked")
    private Map<UUID, Long> storedBytes(List<LogGroupView> groups) {
        Map<UUID, Long> stored = new HashMap<>();
        if (groups.isEmpty()) {
            return stored;
        }
        List<Object[]> rows = entities.createNativeQuery("select s.group_key, coalesce(sum(st.stored_bytes), 0)"
                + " from log_stream s join log_stream_stats st on st.stream_key = s.stream_key"
                + " where s.group_key in (?1) group by s.group_key")
                .setParameter(1, groups.stream().map(g -> g.groupKey).toList()).getResultList();
        rows.forEach(row -> stored.put((UUID) row[0], ((Number) row[1]).longValue()));
        return stored;
    }

    private void handle(LogGroupCommand command) {
        Caller caller = context.caller();
        commands.handle(DECIDER, LogsEvent.class, new StreamId(LogsProjection.GROUP_STREAM, command.logGroupArn()),
                command, EventContext.of(caller.account(), caller.region(), context.requestId()), projection);
    }

    private static ObjectNode empty() {
        return EventJson.mapper().createObjectNode();
    }
}
