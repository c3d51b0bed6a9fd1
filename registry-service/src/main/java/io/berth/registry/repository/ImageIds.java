package io.berth.registry.repository;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.ecs.EcsRequest;
import io.berth.events.EventJson;
import io.berth.registry.EcrErrors;
import io.berth.registry.repository.RepositoryCommand.ImageId;
import java.util.List;

/** ECR's ImageIdentifier in requests and answers: {@code imageDigest}, {@code imageTag}, or both. */
public final class ImageIds {

    private ImageIds() {
    }

    /** The {@code imageIds} of a batch request: 1 to 100 of them. */
    public static List<ImageId> list(EcsRequest request, boolean required) {
        if (!request.has("imageIds")) {
            if (required) {
                throw EcrErrors.missing("imageIds");
            }
            return List.of();
        }
        List<ImageId> ids = request.objects("imageIds").stream().map(ImageIds::of).toList();
        if (ids.isEmpty() || ids.size() > 100) {
            throw EcrErrors.invalidParameter("imageIds", "Member must have length between 1 and 100");
        }
        return ids;
    }

    public static ImageId of(EcsRequest id) {
        return new ImageId(id.string("imageDigest").orElse(null), id.string("imageTag").orElse(null));
    }

    /** The required {@code imageId} of a request about one image. */
    public static ImageId one(EcsRequest request) {
        ImageId id = of(request.object("imageId").orElseThrow(() -> EcrErrors.missing("imageId")));
        if (id.imageDigest() == null && id.imageTag() == null) {
            throw EcrErrors.invalidParameter("imageId", "imageDigest or imageTag is required");
        }
        return id;
    }

    public static ObjectNode toJson(ImageId id) {
        ObjectNode json = EventJson.mapper().createObjectNode();
        if (id.imageDigest() != null) {
            json.put("imageDigest", id.imageDigest());
        }
        if (id.imageTag() != null) {
            json.put("imageTag", id.imageTag());
        }
        return json;
    }
}
