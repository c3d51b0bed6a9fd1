package io.berth.gateway.rest;

import io.berth.ecs.Caller;
import io.berth.ecs.EcsException;
import io.berth.gateway.auth.SigV4Caller;
import io.berth.gateway.routing.Owner;
import io.berth.gateway.routing.OwnerClient;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
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
            new Route(Pattern.compile("clusters/[^/]+(/events)?"), Owner.CLUSTER_SERVICE),
            new Route(Pattern.compile("task-definitions/[^/]+(/events|/[0-9]+)?"), Owner.CLUSTER_SERVICE));

    private final OwnerClient owners;

    public RestApi(OwnerClient owners) {
        this.owners = owners;
    }

    @GET
    @Path("{path: .+}")
    @Operation(summary = "Berth's REST resources, served by their owning service (see its /q/openapi)")
    public Response get(@PathParam("path") String path, @HeaderParam("Authorization") String authorization,
            @Context UriInfo uri) {
        return route("GET", path, null, authorization, uri);
    }

    @POST
    @Path("{path: .+}")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Berth's REST resources, served by their owning service (see its /q/openapi)")
    public Response post(@PathParam("path") String path, @HeaderParam("Authorization") String authorization,
            @Context UriInfo uri, byte[] body) {
        return route("POST", path, body, authorization, uri);
    }

    private Response route(String method, String path, byte[] body, String authorization, UriInfo uri) {
        Owner owner = ownerOf(path).orElseThrow(() -> new EcsException("ResourceNotFoundException",
                "There is no resource /v1/" + path + ".", 404));
        Caller caller = SigV4Caller.of(authorization);
        String query = uri.getRequestUri().getRawQuery();
        OwnerClient.Answer answer = owners.exchange(owner, method, "/v1/" + path + (query == null ? "" : "?" + query),
                body, caller, UUID.randomUUID(), "GET".equals(method));
        if (answer.status() == 0) {
            throw new EcsException("ServerException", "The " + owner.name().toLowerCase().replace('_', '-')
                    + " did not answer. Try again.", 500);
        }
        return Response.status(answer.status()).type(answer.contentType()).entity(answer.body()).build();
    }

    static Optional<Owner> ownerOf(String path) {
        return ROUTES.stream().filter(r -> r.path().matcher(path).matches()).map(Route::owner).findFirst();
    }
}
