package io.berth.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.ecs.Caller;
import io.berth.ecs.EcsException;
import io.berth.ecs.EcsRequest;
import io.berth.ecs.Pages;
import io.berth.ecs.Tags;
import io.berth.events.EventJson;
import io.berth.events.Shapes.Tag;
import java.util.List;
import java.util.Optional;

/** How the Logs API spells what its operations share: paging, tag maps, the group a request names. */
public final class LogsRequests {

    /** {@code limit} and {@code nextToken}; a token Berth did not hand out is an InvalidParameterException. */
    public static final Pages.Paging PAGING = new Pages.Paging("limit", "nextToken", LogsErrors.INVALID_PARAMETER,
            LogsErrors.INVALID_PARAMETER);

    private LogsRequests() {
    }

    /** A tag map ({@code {"team": "payments"}}), checked by the rules every Berth API applies to tags. */
    public static List<Tag> tags(EcsRequest request, String member) {
        ObjectNode asList = EventJson.mapper().createObjectNode();
        var items = asList.putArray(member);
        request.object(member).ifPresent(tags -> tags.body().properties().forEach(tag -> {
            if (!tag.getValue().isTextual()) {
                throw LogsErrors.constraint(tag.getValue(), member, "Member must be a map of strings");
            }
            items.addObject().put("key", tag.getKey()).put("value", tag.getValue().asText());
        }));
        return Tags.parse(EcsRequest.of(asList), member);
    }

    /** Tags as the Logs API answers them: a map. */
    public static ObjectNode tagMap(List<Tag> tags) {
        ObjectNode map = EventJson.mapper().createObjectNode();
        tags.forEach(tag -> map.put(tag.key(), tag.value()));
        return map;
    }

    /**
     * The name of the group a request names by {@code logGroupName} or by {@code logGroupIdentifier} (a name or an
     * ARN): exactly one of the two.
     */
    public static String groupName(Caller caller, EcsRequest request) {
        boolean byName = request.has("logGroupName");
        boolean byIdentifier = request.has("logGroupIdentifier");
        if (byName == byIdentifier) {
            throw LogsErrors.invalidParameter("Exactly one of logGroupName and logGroupIdentifier must be"
                    + " specified.");
        }
        if (byName) {
            return request.requiredString("logGroupName");
        }
        return LogNames.groupNameOf(caller, request.requiredString("logGroupIdentifier"))
                .orElseThrow(LogsErrors::groupNotFound);
    }

    /** A {@code long} member (the Logs API's timestamps are epoch milliseconds, never seconds). */
    public static Optional<Long> longMember(EcsRequest request, String member) {
        JsonNode value = request.body().get(member);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new EcsException(EcsRequest.SERIALIZATION_EXCEPTION, "Member '" + member
                    + "' must be an integer.");
        }
        return Optional.of(value.asLong());
    }

    /** The {@code limit} member within [1, max]. */
    public static int limit(EcsRequest request, int max, int whenAbsent) {
        int limit = request.integer("limit").orElse(whenAbsent);
        if (limit < 1 || limit > max) {
            throw LogsErrors.constraint(limit, "limit", "Member must have value " + (limit < 1
                    ? "greater than or equal to 1" : "less than or equal to " + max));
        }
        return limit;
    }
}
