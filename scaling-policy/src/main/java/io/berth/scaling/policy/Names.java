package io.berth.scaling.policy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The identifier rules of the ECS slice of Application Auto Scaling (§3.8): policy and scheduled
 * action names, and the (ServiceNamespace, ResourceId, ScalableDimension) key of a scalable target.
 */
public final class Names {

    public static final String ECS_NAMESPACE = "ecs";
    public static final String ECS_DESIRED_COUNT = "ecs:service:DesiredCount";
    public static final int MAX_NAME_LENGTH = 256;

    private static final Pattern ECS_SERVICE = Pattern.compile("service/([A-Za-z0-9_-]{1,255})/([A-Za-z0-9_-]{1,255})");

    private Names() {
    }

    /** An ECS service as a scalable target's {@code ResourceId} names it. */
    public record EcsService(String cluster, String service) {

        /** {@code service/<cluster>/<service>}. */
        public String resourceId() {
            return "service/" + cluster + "/" + service;
        }
    }

    public static String requirePolicyName(String name) {
        return requireName(name, "PolicyName");
    }

    public static String requireScheduledActionName(String name) {
        return requireName(name, "ScheduledActionName");
    }

    /**
     * 1..256 characters, none of {@code :}, {@code /}, {@code |}, no control characters, no space
     * at either end.
     *
     * @param member how the message names the value, e.g. {@code PolicyName}
     */
    public static String requireName(String name, String member) {
        if (name == null) {
            throw new ScalingValidationException(member + " is required.");
        }
        int length = name.codePointCount(0, name.length());
        if (length < 1 || length > MAX_NAME_LENGTH) {
            throw new ScalingValidationException(member + " must have between 1 and " + MAX_NAME_LENGTH + " characters.");
        }
        if (name.chars().anyMatch(c -> c == ':' || c == '/' || c == '|')) {
            throw new ScalingValidationException(member + " must not contain ':', '/' or '|'.");
        }
        if (name.codePoints().anyMatch(Character::isISOControl)) {
            throw new ScalingValidationException(member + " must not contain control characters.");
        }
        if (Character.isWhitespace(name.codePointAt(0)) || Character.isSpaceChar(name.codePointAt(0))
                || Character.isWhitespace(name.codePointBefore(name.length()))
                || Character.isSpaceChar(name.codePointBefore(name.length()))) {
            throw new ScalingValidationException(member + " must not start or end with a space.");
        }
        return name;
    }

    /** Only {@code ecs}: Berth scales ECS services and nothing else. */
    public static String requireServiceNamespace(String namespace) {
        if (namespace == null) {
            throw new ScalingValidationException("ServiceNamespace is required.");
        }
        if (!ECS_NAMESPACE.equals(namespace)) {
            throw new ScalingValidationException("ServiceNamespace '" + namespace + "' is not supported; use ecs.");
        }
        return namespace;
    }

    /** {@code service/<cluster>/<service>}, both ECS names (letters, digits, {@code _} and {@code -}, up to 255). */
    public static EcsService requireResourceId(String resourceId) {
        if (resourceId == null) {
            throw new ScalingValidationException("ResourceId is required.");
        }
        Matcher m = ECS_SERVICE.matcher(resourceId);
        if (!m.matches()) {
            throw new ScalingValidationException("ResourceId '" + resourceId + "' is not valid for ServiceNamespace ecs;"
                    + " use service/<cluster-name>/<service-name>.");
        }
        return new EcsService(m.group(1), m.group(2));
    }

    public static String requireScalableDimension(String namespace, String dimension) {
        requireServiceNamespace(namespace);
        if (dimension == null) {
            throw new ScalingValidationException("ScalableDimension is required.");
        }
        if (!ECS_DESIRED_COUNT.equals(dimension)) {
            throw new ScalingValidationException("ScalableDimension '" + dimension + "' is not supported for"
                    + " ServiceNamespace ecs; use " + ECS_DESIRED_COUNT + ".");
        }
        return dimension;
    }
}
