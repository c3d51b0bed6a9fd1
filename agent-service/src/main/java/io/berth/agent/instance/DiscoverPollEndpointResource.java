package io.berth.agent.instance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.ecs.EcsRequest;
import io.berth.events.EventJson;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * DiscoverPollEndpoint: where an agent finds its control plane. Berth's agents talk to the
 * agent-service (and the ECS endpoint for the Submit* calls), so that is what it answers.
 */
@Path("/ecs")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Agents")
public class DiscoverPollEndpointResource {

    private final String endpoint;

    public DiscoverPollEndpointResource(@ConfigProperty(name = "berth.agent.poll-endpoint") String endpoint) {
        this.endpoint = endpoint;
    }

    @POST
    @Path("DiscoverPollEndpoint")
    @Operation(summary = "DiscoverPollEndpoint: the endpoints an agent polls and reports to")
    public ObjectNode discover(JsonNode body) {
        EcsRequest.of(body);
        return EventJson.mapper().createObjectNode()
                .put("endpoint", endpoint)
                .put("telemetryEndpoint", endpoint)
                .put("serviceConnectEndpoint", endpoint)
                // Newer agents ask for it with their zone and complain when it is missing.
                .put("systemLogsEndpoint", endpoint);
    }
}
