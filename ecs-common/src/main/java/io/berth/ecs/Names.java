package io.berth.ecs;

import java.util.regex.Pattern;

/** The name rules ECS applies to clusters, families, services, containers and capacity providers. */
public final class Names {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,255}");

    private Names() {
    }

    public static boolean isValid(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /**
     * Checks a resource name; {@code what} names it in the message, e.g. "Cluster name".
     *
     * @throws EcsException InvalidParameterException naming the rule
     */
    public static String require(String name, String what) {
        if (!isValid(name)) {
            throw EcsErrors.invalidParameter(what + " can have up to 255 characters: letters (uppercase and lowercase),"
                    + " numbers, underscores and hyphens.");
        }
        return name;
    }
}
