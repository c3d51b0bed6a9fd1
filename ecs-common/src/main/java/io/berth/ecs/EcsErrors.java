package io.berth.ecs;

/** The ECS error codes, with the messages the real service uses where they are known. */
public final class EcsErrors {

    public static final String CLIENT_EXCEPTION = "ClientException";
    public static final String INVALID_PARAMETER = "InvalidParameterException";
    public static final String SERVER_EXCEPTION = "ServerException";
    public static final String CLUSTER_NOT_FOUND = "ClusterNotFoundException";
    public static final String RESOURCE_NOT_FOUND = "ResourceNotFoundException";
    public static final String RESOURCE_IN_USE = "ResourceInUseException";
    public static final String LIMIT_EXCEEDED = "LimitExceededException";
    public static final String UPDATE_IN_PROGRESS = "UpdateInProgressException";
    /** The error every AWS service answers when it sheds load: HTTP 400, retried by the SDKs with back-off. */
    public static final String THROTTLING = "ThrottlingException";

    private EcsErrors() {
    }

    public static EcsException clientException(String message) {
        return new EcsException(CLIENT_EXCEPTION, message);
    }

    /**
     * A deregistered revision named by RunTask, StartTask, CreateService or UpdateService: existing
     * tasks and services keep it, nothing new may start from it.
     */
    public static EcsException taskDefinitionInactive() {
        return clientException("TaskDefinition is inactive");
    }

    public static EcsException invalidParameter(String message) {
        return new EcsException(INVALID_PARAMETER, message);
    }

    public static EcsException clusterNotFound() {
        return new EcsException(CLUSTER_NOT_FOUND, "Cluster not found.");
    }

    public static EcsException clusterInactive() {
        return new EcsException(CLUSTER_NOT_FOUND, "The referenced cluster was inactive.");
    }

    public static EcsException resourceNotFound(String message) {
        return new EcsException(RESOURCE_NOT_FOUND, message);
    }

    public static EcsException limitExceeded(String message) {
        return new EcsException(LIMIT_EXCEEDED, message);
    }

    /**
     * The service is behind and sheds the call: a 400 {@code ThrottlingException}, as an overloaded
     * ECS answers, which the SDKs and the CLI retry with back-off; nothing of the call took effect.
     */
    public static EcsException throttled(String message) {
        return new EcsException(THROTTLING, "Rate exceeded. " + message);
    }

    /** A required member is missing from the request. */
    public static EcsException missing(String member) {
        return invalidParameter(member + " can not be blank.");
    }
}
