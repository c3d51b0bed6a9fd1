package io.berth.registry.repository;

import io.berth.ecs.EcsException;
import io.berth.ecs.EcsRequest;
import io.berth.ecs.Tags;
import io.berth.events.Shapes.Tag;
import io.berth.registry.EcrErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * ECR's tags: {@code Key}/{@code Value} members (capitalised, unlike ECS), keys 1–128 and values
 * 0–256 characters, the {@code aws:} prefix reserved, at most 50 per repository.
 */
public final class EcrTags {

    private EcrTags() {
    }

    public static List<Tag> parse(EcsRequest request, String member) {
        List<Tag> tags = new ArrayList<>();
        for (EcsRequest item : request.objects(member)) {
            String key = item.string("Key").orElse("");
            String value = item.string("Value").orElse("");
            if (key.isEmpty() || key.length() > 128) {
                throw invalid("Tag keys must be between 1 and 128 characters.");
            }
            if (value.length() > 256) {
                throw invalid("Tag values can have up to 256 characters.");
            }
            if (key.toLowerCase(Locale.ROOT).startsWith("aws:")) {
                throw invalid("Tag keys beginning with 'aws:' are reserved for AWS use.");
            }
            tags.add(new Tag(key, value));
        }
        return checkCount(tags);
    }

    /** {@code current} with {@code added} put over it by key (TagResource), still at most 50. */
    public static List<Tag> merge(List<Tag> current, List<Tag> added) {
        List<String> keys = new ArrayList<>();
        current.forEach(tag -> keys.add(tag.key()));
        added.stream().map(Tag::key).filter(key -> !keys.contains(key)).forEach(keys::add);
        if (keys.size() > Tags.MAX_TAGS) {
            throw tooMany();
        }
        return Tags.merge(current, added);
    }

    /** The answer of ListTagsForResource and the {@code tags} of a request: {@code [{"Key", "Value"}]}. */
    public static com.fasterxml.jackson.databind.node.ArrayNode toJson(List<Tag> tags) {
        com.fasterxml.jackson.databind.node.ArrayNode list = io.berth.events.EventJson.mapper().createArrayNode();
        tags.forEach(tag -> list.addObject().put("Key", tag.key()).put("Value", tag.value()));
        return list;
    }

    private static List<Tag> checkCount(List<Tag> tags) {
        if (tags.size() > Tags.MAX_TAGS) {
            throw tooMany();
        }
        return tags;
    }

    private static EcsException invalid(String message) {
        return new EcsException(EcrErrors.INVALID_TAG_PARAMETER, message);
    }

    private static EcsException tooMany() {
        return new EcsException(EcrErrors.TOO_MANY_TAGS, "A repository can have at most " + Tags.MAX_TAGS
                + " tags.");
    }
}
