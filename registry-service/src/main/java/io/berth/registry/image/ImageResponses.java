package io.berth.registry.image;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.ecs.Timestamps;
import io.berth.events.EventJson;
import io.berth.registry.repository.ImageDeletions;
import io.berth.registry.repository.RepositoryQueries.ImageRow;
import io.berth.registry.repository.RepositoryQueries.ScanRow;
import io.berth.registry.repository.ImageIds;
import io.berth.registry.repository.RepositoryState;

/** The ECR shapes of an image: ImageDetail, ImageFailure. */
final class ImageResponses {

    private ImageResponses() {
    }

    static ObjectNode detail(RepositoryState repository, ImageRow image, ScanRow scan) {
        ObjectNode detail = EventJson.mapper().createObjectNode();
        detail.put("registryId", repository.registryId());
        detail.put("repositoryName", repository.repositoryName());
        detail.put("imageDigest", image.imageDigest());
        if (!image.imageTags().isEmpty()) {
            image.imageTags().forEach(detail.putArray("imageTags")::add);
        }
        detail.put("imageSizeInBytes", image.imageSizeInBytes());
        detail.put("imagePushedAt", Timestamps.epochSeconds(image.pushedAt()));
        detail.put("imageManifestMediaType", image.imageManifestMediaType());
        if (image.artifactMediaType() != null) {
            detail.put("artifactMediaType", image.artifactMediaType());
        }
        if (scan != null) {
            detail.putObject("imageScanStatus").put("status", scan.status()).put("description", scan.description());
            ObjectNode summary = detail.putObject("imageScanFindingsSummary");
            summary.put("imageScanCompletedAt", Timestamps.epochSeconds(scan.completedAt()));
            summary.putObject("findingSeverityCounts");
        }
        detail.put("imageStatus", "ACTIVE");
        return detail;
    }

    static ObjectNode failure(ImageDeletions.Failure failure) {
        ObjectNode json = EventJson.mapper().createObjectNode();
        json.set("imageId", ImageIds.toJson(failure.imageId()));
        json.put("failureCode", failure.failureCode());
        json.put("failureReason", failure.failureReason());
        return json;
    }
}
