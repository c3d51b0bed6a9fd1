package io.berth.agent.instance;

import io.berth.ecs.EcsErrors;
import io.berth.ecs.EcsException;
import io.berth.events.Shapes.Attribute;
import java.util.Collection;
import java.util.regex.Pattern;

/**
 * The ECS rules for container instance attributes: names of 1–128 letters, digits, hyphens,
 * underscores, slashes, backslashes and periods; values of 1–128 letters, digits, hyphens,
 * underscores, periods, at signs, slashes, backslashes, colons and spaces, with no space at either
 * end; at most 10 custom attributes on an instance. The
 * names ECS and its agent use ({@code ecs.*}, {@code com.amazonaws.ecs.*}) are built in: they never
 * count toward the limit and only the agent sets them.
 */
final class AttributeRules {

    static final int MAX_CUSTOM_ATTRIBUTES = 10;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_./\\\\-]{1,128}");
    private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9_.@/\\\\: -]{1,128}");

    private AttributeRules() {
    }

    static boolean isBuiltIn(String name) {
        return name.startsWith("ecs.") || name.startsWith("com.amazonaws.ecs.");
    }

    static void checkName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw EcsErrors.invalidParameter("Attribute name " + name + " is invalid: names can have 1 to 128"
                    + " letters, numbers, hyphens, underscores, forward slashes, back slashes and periods.");
        }
    }

    /** A value is optional; one that is given follows the ECS pattern and neither starts nor ends with a space. */
    static void checkValue(String name, String value) {
        if (value != null && (!VALUE.matcher(value).matches() || value.startsWith(" ") || value.endsWith(" "))) {
            throw EcsErrors.invalidParameter("The value of attribute " + name + " is invalid: values can have 1 to"
                    + " 128 letters, numbers, hyphens, underscores, periods, at signs, forward slashes, back slashes,"
                    + " colons and spaces, and can not start or end with a space.");
        }
    }

    static void checkLimit(Collection<Attribute> attributes) {
        if (attributes.stream().filter(a -> !isBuiltIn(a.name())).count() > MAX_CUSTOM_ATTRIBUTES) {
            throw new EcsException("AttributeLimitExceededException", "A container instance can have at most "
                    + MAX_CUSTOM_ATTRIBUTES + " custom attributes; names that start with ecs. or com.amazonaws.ecs."
                    + " are not counted.");
        }
    }
}
