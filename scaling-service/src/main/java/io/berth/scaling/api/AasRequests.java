package io.berth.scaling.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.ecs.EcsRequest;
import io.berth.ecs.Tags;
import io.berth.events.Shapes.Tag;
import io.berth.scaling.policy.Names;
import io.berth.scaling.target.AasErrors;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The members every Application Auto Scaling request of the ECS slice shares, checked. */
public final class AasRequests {

    public static final String ECS = Names.ECS_NAMESPACE;
    public static final String DESIRED_COUNT = Names.ECS_DESIRED_COUNT;
    /** Every namespace of the service model; Berth serves {@code ecs}. */
    static final Set<String> NAMESPACES = Set.of("ecs", "elasticmapreduce", "ec2", "appstream", "dynamodb", "rds",
            "sagemaker", "custom-resource", "comprehend", "lambda", "cassandra", "kafka", "elasticache", "neptune",
            "workspaces");

    private AasRequests() {
    }

    /** {@code ServiceNamespace}: required, and {@code ecs} is the one Berth serves. */
    public static String namespace(EcsRequest request) {
        String namespace = required(request, "ServiceNamespace");
        if (!NAMESPACES.contains(namespace)) {
            throw AasErrors.validation("1 validation error detected: Value '" + clip(namespace)
                    + "' at 'serviceNamespace' failed to satisfy constraint: Member must satisfy enum value set: "
                    + NAMESPACES.stream().sorted().toList());
        }
        if (!ECS.equals(namespace)) {
            throw AasErrors.validation("Berth scales ECS services only: ServiceNamespace must be ecs, not "
                    + namespace + ".");
        }
        return namespace;
    }

    /** {@code ResourceId} of an ECS service: {@code service/<cluster>/<service>}. */
    public static String resourceId(EcsRequest request) {
        return checkResourceId(required(request, "ResourceId"));
    }

    public static String checkResourceId(String resourceId) {
        if (resourceId.length() > 1600) {
            throw AasErrors.validation("ResourceId can have at most 1600 characters.");
        }
        return Names.requireResourceId(resourceId).resourceId();
    }

    /** {@code ScalableDimension}: {@code ecs:service:DesiredCount}, the one dimension of ECS. */
    public static String dimension(EcsRequest request) {
        return checkDimension(required(request, "ScalableDimension"));
    }

    public static String checkDimension(String dimension) {
        return Names.requireScalableDimension(ECS, dimension.length() > 200 ? clip(dimension) : dimension);
    }

    public static String required(EcsRequest request, String member) {
        return request.string(member).filter(s -> !s.isEmpty())
                .orElseThrow(() -> AasErrors.validation(member + " is required."));
    }

    /** A policy or scheduled action name, checked by the rules of {@link Names#requireName}. */
    public static String name(EcsRequest request, String member) {
        return Names.requireName(required(request, member), member);
    }

    /** A tag map ({@code {"key": "value"}}) as the list Berth keeps, checked like ECS tags. */
    public static List<Tag> tags(EcsRequest request, String member) {
        JsonNode map = request.body().get(member);
        if (map == null || map.isNull()) {
            return List.of();
        }
        if (!map.isObject()) {
            throw AasErrors.validation(member + " must be a map of tag keys to values.");
        }
        com.fasterxml.jackson.databind.node.ObjectNode asList = io.berth.events.EventJson.mapper().createObjectNode();
        com.fasterxml.jackson.databind.node.ArrayNode items = asList.putArray("tags");
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!entry.getValue().isTextual()) {
                throw AasErrors.validation("The value of tag " + clip(entry.getKey()) + " must be a string.");
            }
            items.addObject().put("key", entry.getKey()).put("value", entry.getValue().asText());
        }
        try {
            return new ArrayList<>(Tags.parse(EcsRequest.of(asList), "tags"));
        } catch (io.berth.ecs.EcsException e) {
            if (e.getMessage().contains("at most")) {
                throw new io.berth.ecs.EcsException(AasErrors.TOO_MANY_TAGS, e.getMessage());
            }
            throw AasErrors.validation(e.getMessage());
        }
    }

    static String clip(String value) {
        return value.length() > 100 ? value.substring(0, 100) + "..." : value;
    }
}
