package io.berth.logs;

import io.berth.ecs.EcsException;

/**
 * The errors of the CloudWatch Logs API, spelled as CloudWatch spells them: {@code __type} and {@code message},
 * HTTP 400. Constraint violations read {@code 1 validation error detected: Value '<v>' at '<member>' failed to
 * satisfy constraint: <constraint>}.
 */
public final class LogsErrors {

    public static final String INVALID_PARAMETER = "InvalidParameterException";
    public static final String RESOURCE_NOT_FOUND = "ResourceNotFoundException";
    public static final String RESOURCE_ALREADY_EXISTS = "ResourceAlreadyExistsException";
    public static final String OPERATION_ABORTED = "OperationAbortedException";
    public static final String TOO_MANY_TAGS = "TooManyTagsException";
    public static final String VALIDATION = "ValidationException";

    private LogsErrors() {
    }

    public static EcsException invalidParameter(String message) {
        return new EcsException(INVALID_PARAMETER, message);
    }

    /** A member's value breaks a constraint of the API's model. */
    public static EcsException constraint(Object value, String member, String constraint) {
        return invalidParameter("1 validation error detected: Value '" + value + "' at '" + member
                + "' failed to satisfy constraint: " + constraint);
    }

    public static EcsException missing(String member) {
        return constraint(null, member, "Member must not be null");
    }

    public static EcsException groupNotFound() {
        return new EcsException(RESOURCE_NOT_FOUND, "The specified log group does not exist.");
    }

    public static EcsException streamNotFound() {
        return new EcsException(RESOURCE_NOT_FOUND, "The specified log stream does not exist.");
    }

    public static EcsException groupExists() {
        return new EcsException(RESOURCE_ALREADY_EXISTS, "The specified log group already exists");
    }

    public static EcsException streamExists() {
        return new EcsException(RESOURCE_ALREADY_EXISTS, "The specified log stream already exists");
    }
}
