package io.berth.agent.instance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.ecs.EcsErrors;
import io.berth.ecs.EcsException;
import io.berth.ecs.EcsRequest;
import io.berth.events.EventJson;
import io.berth.events.Shapes.Attribute;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** PutAttributes, DeleteAttributes and ListAttributes on container instances (ADR 0007). */
@Path("/ecs")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Attributes")
public class AttributesResource {

    static final String TARGET_TYPE = "container-instance";

    private final InstanceService instances;

    public AttributesResource(InstanceService instances) {
        this.instances = instances;
    }

    @POST
    @Path("PutAttributes")
    @Operation(summary = "PutAttributes: custom attributes on container instances, at most 10 per call and per instance")
    public ObjectNode put(JsonNode body) {
        EcsRequest request = EcsRequest.of(body);
        Map<String, List<Attribute>> byTarget = byTarget(request, true);
        byTarget.forEach((arn, attributes) -> instances.putAttributes(request, arn, attributes));
        return echo(byTarget);
    }

    @POST
    @Path("DeleteAttributes")
    @Operation(summary = "DeleteAttributes: removes custom attributes by name")
    public ObjectNode delete(JsonNode body) {
        EcsRequest request = EcsRequest.of(body);
        Map<String, List<Attribute>> byTarget = byTarget(request, false);
        byTarget.forEach((arn, attributes) -> instances.deleteAttributes(request, arn,
                attributes.stream().map(Attribute::name).toList()));
        return echo(byTarget);
    }

    @POST
    @Path("ListAttributes")
    @Operation(summary = "ListAttributes: the attributes of a cluster's container instances, by name and value")
    public ObjectNode list(JsonNode body) {
        EcsRequest request = EcsRequest.of(body);
        if (!TARGET_TYPE.equals(request.requiredString("targetType"))) {
            throw EcsErrors.invalidParameter("targetType must be container-instance.");
        }
        if (request.has("attributeValue") && !request.has("attributeName")) {
            throw EcsErrors.invalidParameter("attributeValue can only be given with attributeName.");
        }
        return instances.listAttributes(request, request.string("attributeName").orElse(null),
                request.string("attributeValue").orElse(null));
    }

    private Map<String, List<Attribute>> byTarget(EcsRequest request, boolean withValues) {
        List<EcsRequest> attributes = request.objects("attributes");
        if (attributes.isEmpty()) {
            throw EcsErrors.missing("attributes");
        }
        if (attributes.size() > 10) {
            throw EcsErrors.invalidParameter("attributes can have at most 10 items.");
        }
        Map<String, List<Attribute>> byTarget = new LinkedHashMap<>();
        for (EcsRequest attribute : attributes) {
            String name = attribute.requiredString("name");
            AttributeRules.checkName(name);
            if (AttributeRules.isBuiltIn(name)) {
                throw EcsErrors.invalidParameter("The attribute " + name + " is set by ECS and cannot be changed.");
            }
            String value = withValues ? attribute.string("value").orElse(null) : null;
            AttributeRules.checkValue(name, value);
            Optional<String> targetType = attribute.string("targetType");
            if (targetType.isPresent() && !TARGET_TYPE.equals(targetType.get())) {
                throw EcsErrors.invalidParameter("targetType must be container-instance.");
            }
            String target = attribute.string("targetId").orElseThrow(() -> new EcsException(
                    "TargetNotFoundException", "The attribute " + name + " names no targetId."));
            if (!target.startsWith("arn:") && targetType.isEmpty()) {
                throw EcsErrors.invalidParameter("targetType is required when targetId is not an ARN.");
            }
            byTarget.computeIfAbsent(instances.arnOf(request, target), t -> new ArrayList<>())
                    .add(new Attribute(name, value, TARGET_TYPE, target));
        }
        return byTarget;
    }

    private static ObjectNode echo(Map<String, List<Attribute>> byTarget) {
        ObjectNode response = EventJson.mapper().createObjectNode();
        ArrayNode attributes = response.putArray("attributes");
        byTarget.values().forEach(list -> list.forEach(a -> attributes.add(EventJson.mapper().valueToTree(a))));
        return response;
    }
}
