package io.berth.registry.repository;

import io.berth.events.RegistryEvent.TagMutabilityFilter;
import io.berth.events.Shapes.Tag;
import io.berth.registry.lifecycle.LifecyclePolicy;
import java.time.Instant;
import java.util.List;

/** What can be asked of a repository, named by its ARN. */
public sealed interface RepositoryCommand {

    String repositoryArn();

    record CreateRepository(String repositoryArn, String registryId, String repositoryName,
            String imageTagMutability, List<TagMutabilityFilter> imageTagMutabilityExclusionFilters,
            boolean scanOnPush, String encryptionType, String kmsKey, List<Tag> tags, Instant at)
            implements RepositoryCommand {
    }

    record DeleteRepository(String repositoryArn, boolean force) implements RepositoryCommand {
    }

    record TagRepository(String repositoryArn, List<Tag> tags) implements RepositoryCommand {
    }

    record UntagRepository(String repositoryArn, List<String> tagKeys) implements RepositoryCommand {
    }

    record PutImageTagMutability(String repositoryArn, String imageTagMutability,
            List<TagMutabilityFilter> imageTagMutabilityExclusionFilters) implements RepositoryCommand {
    }

    record PutImageScanningConfiguration(String repositoryArn, boolean scanOnPush) implements RepositoryCommand {
    }

    /** SetRepositoryPolicy with a text, DeleteRepositoryPolicy with {@code null}. */
    record SetRepositoryPolicy(String repositoryArn, String policyText) implements RepositoryCommand {
    }

    /** PutLifecyclePolicy (which also applies it at once) with a policy, DeleteLifecyclePolicy with {@code null}. */
    record PutLifecyclePolicy(String repositoryArn, String lifecyclePolicyText, LifecyclePolicy policy, Instant at)
            implements RepositoryCommand {
    }

    /**
     * A manifest to store, tagged or not. {@code viaRegistry}: a push through the registry, where
     * pushing a tag again to the image it names already succeeds (a mutable tag) instead of being
     * PutImage's ImageAlreadyExistsException.
     */
    record PushImage(String repositoryArn, String imageDigest, String imageTag, String imageManifestMediaType,
            String artifactMediaType, long imageSizeInBytes, List<String> references, boolean viaRegistry,
            Instant at) implements RepositoryCommand {
    }

    /** BatchDeleteImage: the ids that name images; the rest were answered as failures already. */
    record DeleteImages(String repositoryArn, List<ImageId> imageIds) implements RepositoryCommand {
    }

    /** The periodic run of the lifecycle policy. */
    record ApplyLifecyclePolicy(String repositoryArn, Instant at) implements RepositoryCommand {
    }

    /** ECR's ImageIdentifier: a digest, a tag, or both. */
    record ImageId(String imageDigest, String imageTag) {
    }
}
