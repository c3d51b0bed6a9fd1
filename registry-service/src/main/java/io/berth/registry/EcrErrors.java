package io.berth.registry;

import io.berth.ecs.EcsException;

/**
 * The ECR error codes, with the messages ECR gives. ECR's error body is the ECS one
 * ({@code {"__type", "message"}}), so {@link EcsException} carries them.
 */
public final class EcrErrors {

    public static final String INVALID_PARAMETER = "InvalidParameterException";
    public static final String INVALID_TAG_PARAMETER = "InvalidTagParameterException";
    public static final String TOO_MANY_TAGS = "TooManyTagsException";
    public static final String REPOSITORY_NOT_FOUND = "RepositoryNotFoundException";
    public static final String IMAGE_NOT_FOUND = "ImageNotFoundException";
    public static final String IMAGE_TAG_ALREADY_EXISTS = "ImageTagAlreadyExistsException";
    public static final String LAYERS_NOT_FOUND = "LayersNotFoundException";
    public static final String REFERENCED_IMAGES_NOT_FOUND = "ReferencedImagesNotFoundException";
    public static final String LIMIT_EXCEEDED = "LimitExceededException";

    private EcrErrors() {
    }

    /** ECR's wording of a request member that breaks a constraint. */
    public static EcsException invalidParameter(String member, String constraint) {
        return new EcsException(INVALID_PARAMETER, "Invalid parameter at '" + member + "' failed to satisfy"
                + " constraint: '" + constraint + "'");
    }

    public static EcsException missing(String member) {
        return invalidParameter(member, "Member must not be null");
    }

    public static EcsException repositoryAlreadyExists(String name, String registryId) {
        return new EcsException("RepositoryAlreadyExistsException", "The repository with name '" + name
                + "' already exists in the registry with id '" + registryId + "'");
    }

    public static EcsException repositoryNotFound(String name, String registryId) {
        return new EcsException(REPOSITORY_NOT_FOUND, "The repository with name '" + name
                + "' does not exist in the registry with id '" + registryId + "'");
    }

    public static EcsException repositoryNotEmpty(String name, String registryId) {
        return new EcsException("RepositoryNotEmptyException", "The repository with name '" + name
                + "' in registry with id '" + registryId + "' cannot be deleted because it still contains images");
    }

    public static EcsException imageNotFound(String digest, String tag, String name, String registryId) {
        return new EcsException(IMAGE_NOT_FOUND, "The image with imageId {imageDigest:'" + digest + "', imageTag:'"
                + tag + "'} does not exist within the repository with name '" + name
                + "' in the registry with id '" + registryId + "'");
    }

    public static EcsException imageAlreadyExists(String digest, String tag, String name, String registryId) {
        return new EcsException("ImageAlreadyExistsException", "Image with digest '" + digest + "' and tag '" + tag
                + "' already exists in the repository with name '" + name + "' in registry with id '" + registryId
                + "'");
    }

    /** A push of an existing tag that may not move; docker shows it as {@code tag invalid: <message>}. */
    public static EcsException imageTagAlreadyExists(String tag, String name, boolean wholeRepository) {
        return new EcsException(IMAGE_TAG_ALREADY_EXISTS, "The image tag '" + tag + "' already exists in the '" + name
                + "' repository and cannot be overwritten because the "
                + (wholeRepository ? "repository" : "tag") + " is immutable.");
    }

    public static EcsException repositoryPolicyNotFound(String name, String registryId) {
        return new EcsException("RepositoryPolicyNotFoundException", "Repository policy does not exist for the"
                + " repository with name '" + name + "' in the registry with id '" + registryId + "'");
    }

    public static EcsException lifecyclePolicyNotFound(String name, String registryId) {
        return new EcsException("LifecyclePolicyNotFoundException", "Lifecycle policy does not exist for the"
                + " repository with name '" + name + "' in the registry with id '" + registryId + "'");
    }

    public static EcsException lifecyclePolicyPreviewNotFound(String name, String registryId) {
        return new EcsException("LifecyclePolicyPreviewNotFoundException", "There is no lifecycle policy preview"
                + " for the repository with name '" + name + "' in the registry with id '" + registryId + "'");
    }

    public static EcsException scanNotFound(String digest, String tag, String name, String registryId) {
        return new EcsException("ScanNotFoundException", "Image scan does not exist for the image with '{imageDigest:'"
                + digest + "', imageTag:'" + tag + "'}' in the repository with name '" + name
                + "' in the registry with id '" + registryId + "'");
    }

    public static EcsException lifecycleValidation(String reason) {
        return invalidParameter("LifecyclePolicyText", "Lifecycle policy validation failure: " + reason);
    }
}
