package io.berth.events;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.berth.events.Shapes.Tag;
import java.time.Instant;
import java.util.List;

/**
 * Topic {@value Topics#REGISTRY_EVENTS}: Amazon ECR repositories and their images, owned by the
 * registry-service. A repository's stream holds its settings, policies and images (tags are unique
 * within a repository, so the images are decided with it); an image's scans have a stream of their
 * own. Keyed by the repository ARN.
 */
public sealed interface RegistryEvent extends BerthEvent {

    String repositoryArn();

    @Override
    default String partitionKey() {
        return repositoryArn();
    }

    /** An ECR tag mutability exclusion filter: a wildcard pattern of tags that behave the other way. */
    record TagMutabilityFilter(String filterType, String filter) {
    }

    /** An image the lifecycle policy expired, and the rule that expired it. */
    record ExpiredImage(String imageDigest, List<String> imageTags, int rulePriority) {
    }

    /** A package found in an image's layers by a scan. */
    record ScannedPackage(String name, String version, String packageManager, String arch,
            String sourceLayerHash) {
    }

    /** CreateRepository, with every setting it was given or defaulted. */
    @JsonTypeName("RepositoryCreated")
    record RepositoryCreated(String repositoryArn, String registryId, String repositoryName,
            String imageTagMutability, List<TagMutabilityFilter> imageTagMutabilityExclusionFilters,
            boolean scanOnPush, String encryptionType, String kmsKey, List<Tag> tags, Instant createdAt)
            implements RegistryEvent {
    }

    /** DeleteRepository; with {@code force}, the images it still held ({@code imageDigests}) go with it. */
    @JsonTypeName("RepositoryDeleted")
    record RepositoryDeleted(String repositoryArn, String repositoryName, List<String> imageDigests)
            implements RegistryEvent {
    }

    /** The complete set of tags of the repository after TagResource or UntagResource. */
    @JsonTypeName("RepositoryTagsChanged")
    record RepositoryTagsChanged(String repositoryArn, List<Tag> tags) implements RegistryEvent {
    }

    @JsonTypeName("ImageTagMutabilityChanged")
    record ImageTagMutabilityChanged(String repositoryArn, String imageTagMutability,
            List<TagMutabilityFilter> imageTagMutabilityExclusionFilters) implements RegistryEvent {
    }

    @JsonTypeName("ImageScanningConfigurationChanged")
    record ImageScanningConfigurationChanged(String repositoryArn, boolean scanOnPush) implements RegistryEvent {
    }

    /** SetRepositoryPolicy: the policy text as given; {@code null} after DeleteRepositoryPolicy. */
    @JsonTypeName("RepositoryPolicyChanged")
    record RepositoryPolicyChanged(String repositoryArn, String policyText) implements RegistryEvent {
    }

    /** PutLifecyclePolicy: the policy text as given; {@code null} after DeleteLifecyclePolicy. */
    @JsonTypeName("LifecyclePolicyChanged")
    record LifecyclePolicyChanged(String repositoryArn, String lifecyclePolicyText) implements RegistryEvent {
    }

    /**
     * A manifest stored in the repository (a registry push or PutImage), untagged or with
     * {@code imageTag}. {@code references} are the digests the manifest names (config and layers,
     * or the manifests of an index); the image's size is the sum of its layers' and config's.
     */
    @JsonTypeName("ImagePushed")
    record ImagePushed(String repositoryArn, String repositoryName, String imageDigest, String imageTag,
            String imageManifestMediaType, String artifactMediaType, long imageSizeInBytes,
            List<String> references, Instant pushedAt) implements RegistryEvent {
    }

    /**
     * {@code imageTag} now names {@code imageDigest}, an image already in the repository; it was
     * moved from {@code previousDigest} (a mutable tag) or new ({@code null}).
     */
    @JsonTypeName("ImageTagged")
    record ImageTagged(String repositoryArn, String imageDigest, String imageTag, String previousDigest)
            implements RegistryEvent {
    }

    /** BatchDeleteImage of a tag the image keeps others besides. */
    @JsonTypeName("ImageUntagged")
    record ImageUntagged(String repositoryArn, String imageDigest, String imageTag) implements RegistryEvent {
    }

    /** BatchDeleteImage (by digest, or of the image's last tag) or a registry DELETE: the image and all its tags. */
    @JsonTypeName("ImageDeleted")
    record ImageDeleted(String repositoryArn, String imageDigest, List<String> imageTags) implements RegistryEvent {
    }

    /** The repository's lifecycle policy ran at {@code evaluatedAt} and expired {@code expired}. */
    @JsonTypeName("LifecyclePolicyApplied")
    record LifecyclePolicyApplied(String repositoryArn, Instant evaluatedAt, List<ExpiredImage> expired)
            implements RegistryEvent {
    }

    /**
     * A basic scan of an image: the packages its layers' package databases list. Berth has no
     * vulnerability database, so there are no findings; {@code description} says so.
     */
    @JsonTypeName("ImageScanCompleted")
    record ImageScanCompleted(String repositoryArn, String imageDigest, String status, String description,
            List<ScannedPackage> packages, Instant completedAt) implements RegistryEvent {
    }
}
