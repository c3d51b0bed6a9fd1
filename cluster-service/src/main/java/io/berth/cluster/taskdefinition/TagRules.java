package io.berth.cluster.taskdefinition;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.ecs.EcsErrors;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The tags of a resource as every ECS tagging call checks them. Errors are InvalidParameterException,
 * as TagResource reports them.
 */
final class TagRules {

    static final int MAX_TAGS = 50;
    static final int MAX_KEY = 128;
    static final int MAX_VALUE = 256;
    private static final Pattern CHARACTERS = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

    private TagRules() {
    }

    static void validate(List<ObjectNode> tags) {
        if (tags.size() > MAX_TAGS) {
            throw EcsErrors.invalidParameter("Too many tags: a resource can have at most " + MAX_TAGS + " tags.");
        }
        Set<String> keys = new HashSet<>();
        for (ObjectNode tag : tags) {
            String key = Members.text(tag, "key");
            String value = Members.text(tag, "value");
            if (key == null || key.isEmpty() || length(key) > MAX_KEY) {
                throw EcsErrors.invalidParameter("Invalid tag key: a key must have 1 to " + MAX_KEY + " characters.");
            }
            if (!CHARACTERS.matcher(key).matches()) {
                throw EcsErrors.invalidParameter("Invalid tag key '" + key
                        + "': use letters, numbers, spaces and the characters + - = . _ : / @.");
            }
            // AWS keeps this prefix for its own tags, in any letter case.
            if (key.toLowerCase(Locale.ROOT).startsWith("aws:")) {
                throw EcsErrors.invalidParameter("Invalid tag key '" + key + "': the prefix 'aws:' is reserved.");
            }
            if (value != null && (length(value) > MAX_VALUE || !CHARACTERS.matcher(value).matches())) {
                throw EcsErrors.invalidParameter("Invalid tag value for key '" + key + "': a value can have up to "
                        + MAX_VALUE + " letters, numbers, spaces and the characters + - = . _ : / @.");
            }
            if (!keys.add(key)) {
                throw EcsErrors.invalidParameter("Duplicate tag key '" + key + "'.");
            }
        }
    }

    /** Limits count characters, not UTF-16 units. */
    private static int length(String text) {
        return text.codePointCount(0, text.length());
    }
}
