package io.berth.registry.repository;

import io.berth.events.RegistryEvent.TagMutabilityFilter;
import io.berth.events.Shapes.Tag;
import io.berth.registry.lifecycle.Wildcards;
import io.berth.registry.manifest.ImageManifests;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A repository as its events made it: its settings and policies, and its images by digest in the
 * order of their events. {@code repositoryName} is null before it was created and after it was deleted.
 */
public record RepositoryState(String repositoryArn, String registryId, String repositoryName, Instant createdAt,
        String imageTagMutability, List<TagMutabilityFilter> imageTagMutabilityExclusionFilters, boolean scanOnPush,
        String encryptionType, String kmsKey, List<Tag> tags, String policyText, String lifecyclePolicyText,
        Instant lifecycleEvaluatedAt, Map<String, ImageState> images) {

    public static final RepositoryState NONE = new RepositoryState(null, null, null, null, null, List.of(), false,
            null, null, List.of(), null, null, null, Map.of());

    public boolean exists() {
        return repositoryName != null;
    }

    /** The image a tag names now. */
    public Optional<ImageState> tagged(String tag) {
        return images.values().stream().filter(image -> image.imageTags().contains(tag)).findFirst();
    }

    public Optional<ImageState> image(String digest) {
        return Optional.ofNullable(images.get(digest));
    }

    /** The images of an index that still name {@code digest}. */
    public List<String> indexesReferencing(String digest) {
        return images.values().stream().filter(image -> image.references().contains(digest)
                && ImageManifests.isIndex(image.imageManifestMediaType())).map(ImageState::imageDigest).toList();
    }

    /** Whether a push may not move {@code tag}: the repository's mutability, turned by its exclusion filters. */
    public boolean isImmutable(String tag) {
        boolean excluded = imageTagMutabilityExclusionFilters.stream()
                .anyMatch(filter -> Wildcards.matches(filter.filter(), tag));
        return switch (imageTagMutability) {
            case "IMMUTABLE" -> true;
            case "IMMUTABLE_WITH_EXCLUSION" -> !excluded;
            case "MUTABLE_WITH_EXCLUSION" -> excluded;
            default -> false;
        };
    }

    RepositoryState with(Map<String, ImageState> newImages) {
        return new RepositoryState(repositoryArn, registryId, repositoryName, createdAt, imageTagMutability,
                imageTagMutabilityExclusionFilters, scanOnPush, encryptionType, kmsKey, tags, policyText,
                lifecyclePolicyText, lifecycleEvaluatedAt, Collections.unmodifiableMap(newImages));
    }

    /** The images in push order, oldest first (the order of their events). */
    public List<ImageState> imagesInPushOrder() {
        List<ImageState> ordered = new ArrayList<>(images.values());
        ordered.sort(java.util.Comparator.comparing(ImageState::pushedAt));
        return ordered;
    }

    static Map<String, ImageState> copy(Map<String, ImageState> images) {
        return new LinkedHashMap<>(images);
    }
}
