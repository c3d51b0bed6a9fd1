package io.berth.registry.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.ecs.Caller;
import io.berth.ecs.EcrHosts;
import io.berth.ecs.rest.CallerContext;
import io.berth.ecs.EcsRequest;
import io.berth.ecs.Timestamps;
import io.berth.events.EventJson;
import io.berth.registry.EcrErrors;
import io.berth.registry.auth.AuthorizationTokens;
import io.berth.registry.image.ImageService;
import io.berth.registry.repository.LifecyclePreviews;
import io.berth.registry.repository.RepositoryService;
import io.berth.registry.scan.ImageScanner;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The ECR operations the registry-service owns, as the gateway forwards them:
 * {@code POST /ecr/<Operation>} with the ECR request as its body (ADR 0007).
 */
@Path("/ecr")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "ECR")
public class EcrResource {

    private final Map<String, Function<EcsRequest, ObjectNode>> operations;

    public EcrResource(RepositoryService repositories, ImageService images, LifecyclePreviews previews,
            ImageScanner scanner, AuthorizationTokens tokens, CallerContext context) {
        this.operations = Map.ofEntries(
                Map.entry("CreateRepository", repositories::create),
                Map.entry("DescribeRepositories", repositories::describe),
                Map.entry("DeleteRepository", repositories::delete),
                Map.entry("PutImageTagMutability", repositories::putImageTagMutability),
                Map.entry("PutImageScanningConfiguration", repositories::putImageScanningConfiguration),
                Map.entry("SetRepositoryPolicy", repositories::setPolicy),
                Map.entry("GetRepositoryPolicy", repositories::getPolicy),
                Map.entry("DeleteRepositoryPolicy", repositories::deletePolicy),
                Map.entry("PutLifecyclePolicy", repositories::putLifecyclePolicy),
                Map.entry("GetLifecyclePolicy", repositories::getLifecyclePolicy),
                Map.entry("DeleteLifecyclePolicy", repositories::deleteLifecyclePolicy),
                Map.entry("StartLifecyclePolicyPreview", previews::start),
                Map.entry("GetLifecyclePolicyPreview", previews::get),
                Map.entry("TagResource", repositories::tag),
                Map.entry("UntagResource", repositories::untag),
                Map.entry("ListTagsForResource", repositories::listTags),
                Map.entry("DescribeRegistry", repositories::describeRegistry),
                Map.entry("PutImage", images::putImage),
                Map.entry("ListImages", images::listImages),
                Map.entry("DescribeImages", images::describeImages),
                Map.entry("BatchGetImage", images::batchGetImage),
                Map.entry("BatchDeleteImage", images::batchDeleteImage),
                Map.entry("BatchCheckLayerAvailability", images::batchCheckLayerAvailability),
                Map.entry("StartImageScan", request -> scanner.start(
                        repositories.existing(repositories.registry(request), request), request)),
                Map.entry("DescribeImageScanFindings", request -> scanner.findings(
                        repositories.existing(repositories.registry(request), request), request)),
                Map.entry("GetAuthorizationToken", request -> authorizationToken(tokens, context.caller(), request)));
    }

    @POST
    @Path("{operation}")
    @Operation(summary = "An ECR operation: CreateRepository, DescribeImages, GetAuthorizationToken, … (docs/api.md)")
    public ObjectNode call(@PathParam("operation") String operation, JsonNode body) {
        Function<EcsRequest, ObjectNode> handler = operations.get(operation);
        if (handler == null) {
            throw new io.berth.ecs.EcsException("UnknownOperationException", "Unknown operation " + operation + ".");
        }
        return handler.apply(EcsRequest.of(body));
    }

    /** One token per registry asked for (the caller's own: Berth keeps no cross-account access). */
    private static ObjectNode authorizationToken(AuthorizationTokens tokens, Caller caller, EcsRequest request) {
        List<String> registryIds = request.strings("registryIds");
        if (request.has("registryIds") && (registryIds.isEmpty() || registryIds.size() > 10)) {
            throw EcrErrors.invalidParameter("registryIds", "Member must have length between 1 and 10");
        }
        for (String registryId : registryIds) {
            if (!registryId.equals(caller.account())) {
                throw EcrErrors.invalidParameter("registryIds", "Berth serves only the caller's own registry ("
                        + caller.account() + "), not " + registryId);
            }
        }
        AuthorizationTokens.Token token = tokens.issue(caller, Instant.now());
        ObjectNode response = EventJson.mapper().createObjectNode();
        ArrayNode data = response.putArray("authorizationData");
        int count = Math.max(1, (int) registryIds.stream().distinct().count());
        for (int i = 0; i < count; i++) {
            data.addObject().put("authorizationToken", token.authorizationToken())
                    .put("expiresAt", Timestamps.epochSeconds(token.expiresAt()))
                    .put("proxyEndpoint", EcrHosts.proxyEndpoint(caller));
        }
        return response;
    }
}
