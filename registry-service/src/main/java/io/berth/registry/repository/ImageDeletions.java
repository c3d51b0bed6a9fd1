package io.berth.registry.repository;

import io.berth.events.RegistryEvent;
import io.berth.events.RegistryEvent.ImageDeleted;
import io.berth.events.RegistryEvent.ImageUntagged;
import io.berth.registry.manifest.ImageManifests;
import io.berth.registry.repository.RepositoryCommand.ImageId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What BatchDeleteImage does with a list of image ids: a tag removes that tag (the image goes with
 * its last tag), a digest removes the image with all its tags. Each id either deletes or fails, as
 * ECR reports it.
 */
public final class ImageDeletions {

    private static final Pattern DIGEST = Pattern.compile("[a-zA-Z0-9-_+.]+:[a-fA-F0-9]+");

    private ImageDeletions() {
    }

    /** An id BatchDeleteImage could not delete, with ECR's failure code and reason. */
    public record Failure(ImageId imageId, String failureCode, String failureReason) {
    }

    /** The events that delete, the ids deleted (with the digest they named), and the failures. */
    public record Plan(List<RegistryEvent> events, List<ImageId> deleted, List<Failure> failures) {
    }

    /** Failures that need no state: an id with neither member, or a malformed digest. */
    public static java.util.Optional<Failure> malformed(ImageId id) {
        if (id.imageDigest() == null && id.imageTag() == null) {
            return java.util.Optional.of(new Failure(id, "MissingDigestAndTag",
                    "Invalid request parameters: both tag and digest cannot be null"));
        }
        if (id.imageDigest() != null && !DIGEST.matcher(id.imageDigest()).matches()) {
            return java.util.Optional.of(new Failure(id, "InvalidImageDigest",
                    "Invalid request parameters: image digest should satisfy the regex '[a-zA-Z0-9-_+.]+:[a-fA-F0-9]+'"));
        }
        return java.util.Optional.empty();
    }

    public static Plan plan(RepositoryState state, List<ImageId> ids) {
        Map<String, List<String>> tagsLeft = new LinkedHashMap<>();
        state.images().forEach((digest, image) -> tagsLeft.put(digest, new ArrayList<>(image.imageTags())));
        Set<String> gone = new HashSet<>();
        List<RegistryEvent> events = new ArrayList<>();
        List<ImageId> deleted = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (ImageId id : ids) {
            java.util.Optional<Failure> malformed = malformed(id);
            if (malformed.isPresent()) {
                failures.add(malformed.get());
                continue;
            }
            String digest = id.imageDigest() != null ? id.imageDigest()
                    : tagsLeft.entrySet().stream().filter(e -> e.getValue().contains(id.imageTag()))
                            .map(Map.Entry::getKey).findFirst().orElse(null);
            if (digest == null || !tagsLeft.containsKey(digest) || gone.contains(digest)) {
                failures.add(new Failure(id, "ImageNotFound", "Requested image not found"));
                continue;
            }
            if (id.imageTag() != null && !tagsLeft.get(digest).contains(id.imageTag())) {
                failures.add(new Failure(id, "ImageTagDoesNotMatchDigest", "Invalid request parameters: image tag"
                        + " does not match the image digest"));
                continue;
            }
            List<String> tags = tagsLeft.get(digest);
            boolean wholeImage = id.imageTag() == null || tags.size() == 1;
            if (wholeImage) {
                List<String> indexes = state.indexesReferencing(digest).stream().filter(d -> !gone.contains(d))
                        .toList();
                if (!indexes.isEmpty() && !ImageManifests.isIndex(state.images().get(digest)
                        .imageManifestMediaType())) {
                    failures.add(new Failure(id, "ImageReferencedByManifestList", "Requested image referenced by"
                            + " manifest list: " + indexes));
                    continue;
                }
                events.add(new ImageDeleted(state.repositoryArn(), digest, List.copyOf(tags)));
                gone.add(digest);
            } else {
                events.add(new ImageUntagged(state.repositoryArn(), digest, id.imageTag()));
                tags.remove(id.imageTag());
            }
            deleted.add(new ImageId(digest, id.imageTag()));
        }
        return new Plan(events, deleted, failures);
    }
}
