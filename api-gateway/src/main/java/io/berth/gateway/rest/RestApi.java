package io.berth.gateway.rest;

import io.berth.ecs.Caller;
import io.berth.ecs.EcsErrors;
import io.berth.ecs.RequestText;
import io.berth.ecs.EcsException;
import io.berth.gateway.auth.RequestAuthenticator;
import io.berth.gateway.auth.SigV4Requests;
import io.berth.gateway.routing.Owner;
import io.berth.gateway.routing.OwnerClient;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.events.EventJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Berth's REST API under {@code /v1}, for what the ECS API can not express: the fleet, placement
 * explanations, "as of" reads and event history, process-runtime logs. Each resource belongs to
 * one service, which documents it in its own OpenAPI; the gateway routes by path and passes the
 * caller (from a SigV4 {@code Authorization} header, as on the ECS endpoint) along.
 */
@Path("/v1")
public class RestApi {

    /** Which owner serves a path under /v1; the first match wins. */
    private record Route(Pattern path, Owner owner) {
    }

    private static final List<Route> ROUTES = List.of(
            new Route(Pattern.compile("clusters/[^/]+/fleet(/[^/]+/heartbeats)?"), Owner.AGENT_SERVICE),
            new Route(Pattern.compile("clusters/[^/]+/tasks/[^/]+/containers/[^/]+/logs"), Owner.AGENT_SERVICE),
            new Route(Pattern.compile("clusters/[^/]+/tasks/[^/]+/placement"), Owner.SCHEDULER_SERVICE),
            new Route(Pattern.compile("clusters/[^/]+/capacity"), Owner.SCHEDULER_SERVICE),
            new Route(Pattern.compile("placement-failures/[^/]+"), Owner.SCHEDULER_SERVICE),
            new Route(Pattern.compile("clusters/[^/]+/tasks(/[^/]+(/events)?)?"), Owner.SCHEDULER_SERVICE),
            new Route(Pattern.compile("clusters/[^/]+/container-instances"), Owner.AGENT_SERVICE),
            new Route(Pattern.compile("clusters/[^/]+/services/[^/]+/metrics"), Owner.SCALING_SERVICE),
            new Route(Pattern.compile("clusters/[^/]+/services/[^/]+(/events)?"), Owner.SCHEDULER_SERVICE),
            new Route(Pattern.compile("scaling/alarm-notifications"), Owner.SCALING_SERVICE),
            new Route(Pattern.compile("clusters/[^/]+/capacity-providers/[^/]+/scaling"), Owner.SCALING_SERVICE),
            new Route(Pattern.compile("auto-scaling-groups/[^/]+/events"), Owner.AGENT_SERVICE),
            new Route(Pattern.compile("clusters/[^/]+(/events)?"), Owner.CLUSTER_SERVICE),
            new Route(Pattern.compile("task-definitions/[^/]+(/events|/[0-9]+)?"), Owner.CLUSTER_SERVICE));

    private static final java.net.http.HttpClient SELF = java.net.http.HttpClient.newBuilder()
            .connectTimeout(java.time.Duration.ofSeconds(2)).build();
    private final OwnerClient owners;
    private final RequestAuthenticator authenticator;

    public RestApi(OwnerClient owners, RequestAuthenticator authenticator) {
        this.owners = owners;
        this.authenticator = authenticator;
    }

    /** Berth's whole REST API in one OpenAPI document: the gateway's and every owner's {@code /v1} paths. */
    @GET
    @Path("openapi.json")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The OpenAPI document of the whole /v1 API (every owner's resources), for the Swagger UI")
    public ObjectNode openApi(@Context UriInfo uri) {
        UUID requestId = UUID.randomUUID();
        Caller caller = authenticator.anonymous().caller();
        JsonNode gateway = readJson(ownDocument(uri.getBaseUri().resolve("/q/openapi?format=json")));
        List<JsonNode> documents = new ArrayList<>();
        for (Owner owner : Owner.values()) {
            OwnerClient.Answer answer = owners.exchange(owner, "GET", "/q/openapi?format=json", null, caller,
                    requestId, true);
            if (answer.status() == 200) {
                documents.add(readJson(answer.body()));
            }
        }
        return OpenApiDocuments.merge(gateway, documents);
    }

    /** The gateway's own document, asked of itself at the address the client used. */
    private static byte[] ownDocument(java.net.URI uri) {
        try {
            java.net.http.HttpResponse<byte[]> response = SELF.send(java.net.http.HttpRequest.newBuilder(uri)
                    .timeout(java.time.Duration.ofSeconds(5)).GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            return response.statusCode() == 200 ? response.body() : null;
        } catch (java.io.IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static JsonNode readJson(byte[] body) {
        try {
            return body == null ? EventJson.mapper().createObjectNode() : EventJson.mapper().readTree(body);
        } catch (java.io.IOException e) {
            return EventJson.mapper().createObjectNode();
        }
    }

    @GET
    @Path("{path: .+}")
    @Operation(summary = "Berth's REST resources, served by their owning service (see its /q/openapi)")
    public Response get(@PathParam("path") String path, @Context HttpHeaders headers, @Context UriInfo uri) {
        return route("GET", path, null, headers, uri);
    }

    @POST
    @Path("{path: .+}")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Berth's REST resources, served by their owning service (see its /q/openapi)")
    public Response post(@PathParam("path") String path, @Context HttpHeaders headers, @Context UriInfo uri,
            byte[] body) {
        return route("POST", path, body, headers, uri);
    }

    private Response route(String method, String path, byte[] body, HttpHeaders headers, UriInfo uri) {
        Owner owner = ownerOf(path).orElseThrow(() -> new EcsException("ResourceNotFoundException",
                "There is no resource /v1/" + path + ".", 404));
        Caller caller = authenticator.authenticate(SigV4Requests.of(method, uri, headers, body)).caller();
        refuseControlCharacters(path, uri, body);
        String query = uri.getRequestUri().getRawQuery();
        OwnerClient.Answer answer = owners.exchange(owner, method, "/v1/" + path + (query == null ? "" : "?" + query),
                body, caller, UUID.randomUUID(), "GET".equals(method));
        if (answer.status() == 0) {
            throw new EcsException("ServerException", "The " + owner.serviceName()
                    + " did not answer. Try again.", 500);
        }
        return Response.status(answer.status()).type(answer.contentType()).entity(answer.body()).build();
    }

    /** The same characters are refused here as on the ECS endpoint, in the path, the query and a JSON body. */
    private static void refuseControlCharacters(String path, UriInfo uri, byte[] body) {
        Optional<RequestText.Violation> violation = RequestText.firstViolation("path", path);
        for (var parameter : uri.getQueryParameters().entrySet()) {
            for (String value : parameter.getValue()) {
                violation = violation.or(() -> RequestText.firstViolation(parameter.getKey(), value));
            }
        }
        if (violation.isEmpty() && body != null && body.length > 0) {
            try {
                violation = RequestText.firstViolation(EventJson.mapper().readTree(body));
            } catch (java.io.IOException e) {
                // Not JSON: the owner answers that in its own words.
            }
        }
        violation.ifPresent(v -> {
            throw new EcsException(EcsErrors.INVALID_PARAMETER, v.message());
        });
    }

    static Optional<Owner> ownerOf(String path) {
        return ROUTES.stream().filter(r -> r.path().matcher(path).matches()).map(Route::owner).findFirst();
    }
}
