package io.berth.ecs;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A task definition as a request names it: {@code family} (its latest ACTIVE revision),
 * {@code family:revision}, or the revision's ARN in the caller's account and region.
 * {@code revision} is null for a bare family.
 */
public record TaskDefinitionReference(String family, Integer revision) {

    private static final Pattern FAMILY_REVISION = Pattern.compile("([A-Za-z0-9_-]{1,255})(?::(\\d{1,9}))?");

    /** Refuses what names no task definition of the caller's the way ECS does: ClientException. */
    public static TaskDefinitionReference parse(Caller caller, String nameOrArn) {
        String text = nameOrArn;
        if (text.startsWith("arn:")) {
            String prefix = caller.arnPrefix() + "task-definition/";
            if (!text.startsWith(prefix)) {
                throw EcsErrors.clientException("Unable to describe task definition.");
            }
            text = text.substring(prefix.length());
        }
        Matcher matcher = FAMILY_REVISION.matcher(text);
        if (!matcher.matches()) {
            throw EcsErrors.clientException("Invalid revision number. Number: " + text);
        }
        Integer revision = matcher.group(2) == null ? null : Integer.valueOf(matcher.group(2));
        if (revision != null && revision < 1) {
            throw EcsErrors.clientException("Invalid revision number. Number: " + matcher.group(2));
        }
        return new TaskDefinitionReference(matcher.group(1), revision);
    }
}
