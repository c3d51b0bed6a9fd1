package io.berth.registry.repository;

import java.time.Instant;
import java.util.List;

/** An image of a repository: a manifest, known by its digest, with the tags that name it. */
public record ImageState(String imageDigest, List<String> imageTags, String imageManifestMediaType,
        String artifactMediaType, long imageSizeInBytes, List<String> references, Instant pushedAt) {

    public ImageState {
        imageTags = List.copyOf(imageTags);
        references = List.copyOf(references);
    }

    public boolean tagged() {
        return !imageTags.isEmpty();
    }

    ImageState withTags(List<String> tags) {
        return new ImageState(imageDigest, tags, imageManifestMediaType, artifactMediaType, imageSizeInBytes,
                references, pushedAt);
    }
}
