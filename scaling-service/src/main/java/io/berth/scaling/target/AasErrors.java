package io.berth.scaling.target;

import io.berth.ecs.EcsException;

/** The error codes of Application Auto Scaling; every one is a client error (HTTP 400). */
public final class AasErrors {

    public static final String VALIDATION = "ValidationException";
    public static final String OBJECT_NOT_FOUND = "ObjectNotFoundException";
    public static final String LIMIT_EXCEEDED = "LimitExceededException";
    public static final String RESOURCE_NOT_FOUND = "ResourceNotFoundException";
    public static final String TOO_MANY_TAGS = "TooManyTagsException";
    public static final String CONCURRENT_UPDATE = "ConcurrentUpdateException";

    private AasErrors() {
    }

    public static EcsException validation(String message) {
        return new EcsException(VALIDATION, message);
    }

    public static EcsException objectNotFound(String message) {
        return new EcsException(OBJECT_NOT_FOUND, message);
    }

    public static EcsException limitExceeded(String message) {
        return new EcsException(LIMIT_EXCEEDED, message);
    }

    public static EcsException noScalableTarget(String namespace, String resourceId, String dimension) {
        return objectNotFound("No scalable target registered for service namespace: " + namespace
                + ", resource ID: " + resourceId + ", scalable dimension: " + dimension);
    }
}
