package io.berth.ecs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.events.EventJson;
import io.berth.events.Shapes.Tag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** ECS tag rules: ≤50 per resource, keys 1–128 characters, values ≤256, the {@code aws:} prefix reserved. */
public final class Tags {

    public static final int MAX_TAGS = 50;
    private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

    private Tags() {
    }

    /** The tags of a request member ({@code key}/{@code value} objects), checked. */
    public static List<Tag> parse(EcsRequest request, String member) {
        List<Tag> tags = new ArrayList<>();
        for (EcsRequest item : request.objects(member)) {
            String key = item.string("key").orElse(null);
            String value = item.string("value").orElse("");
            if (key == null || key.isEmpty() || key.length() > 128) {
                throw EcsErrors.invalidParameter("Tag keys must be between 1 and 128 characters.");
            }
            if (value.length() > 256) {
                throw EcsErrors.invalidParameter("Tag values can have up to 256 characters.");
            }
            if (!ALLOWED.matcher(key).matches() || !ALLOWED.matcher(value).matches()) {
                throw EcsErrors.invalidParameter("Tags can contain letters, numbers, spaces and + - = . _ : / @.");
            }
            if (key.toLowerCase(Locale.ROOT).startsWith("aws:")) {
                throw EcsErrors.invalidParameter("Tag keys beginning with 'aws:' are reserved for AWS use.");
            }
            tags.add(new Tag(key, value));
        }
        return checkCount(tags);
    }

    /** TagResource's {@code tags}: required, and checked like every tag list. */
    public static List<Tag> toAdd(EcsRequest request) {
        if (!request.has("tags")) {
            throw EcsErrors.missing("tags");
        }
        return parse(request, "tags");
    }

    /** UntagResource's {@code tagKeys}: required. */
    public static List<String> toRemove(EcsRequest request) {
        if (!request.has("tagKeys")) {
            throw EcsErrors.missing("tagKeys");
        }
        return request.strings("tagKeys");
    }

    /** The answer of ListTagsForResource: {@code {"tags": [{"key": ..., "value": ...}, ...]}}. */
    public static ObjectNode listResponse(List<Tag> tags) {
        ObjectNode response = EventJson.mapper().createObjectNode();
        ArrayNode list = response.putArray("tags");
        tags.forEach(t -> list.addObject().put("key", t.key()).put("value", t.value()));
        return response;
    }

    /** {@code current} with {@code added} put over it by key (TagResource). */
    public static List<Tag> merge(List<Tag> current, List<Tag> added) {
        Map<String, String> byKey = new LinkedHashMap<>();
        current.forEach(t -> byKey.put(t.key(), t.value()));
        added.forEach(t -> byKey.put(t.key(), t.value()));
        List<Tag> merged = new ArrayList<>();
        byKey.forEach((k, v) -> merged.add(new Tag(k, v)));
        return checkCount(merged);
    }

    /** {@code current} without the given keys (UntagResource). */
    public static List<Tag> remove(List<Tag> current, List<String> keys) {
        return current.stream().filter(t -> !keys.contains(t.key())).toList();
    }

    private static List<Tag> checkCount(List<Tag> tags) {
        if (tags.size() > MAX_TAGS) {
            throw EcsErrors.invalidParameter("A resource can have at most " + MAX_TAGS + " tags.");
        }
        return tags;
    }
}
