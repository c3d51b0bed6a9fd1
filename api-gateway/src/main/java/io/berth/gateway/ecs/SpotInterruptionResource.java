package io.berth.gateway.ecs;

import io.berth.gateway.auth.RequestAuthenticator;
import io.berth.gateway.auth.SigV4Requests;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Fault injection for Fargate Spot: reclaims a FARGATE_SPOT task's capacity now, as Spot does with
 * its two-minute warning. A command to the cluster's scheduler, so it is the gateway's to send.
 */
@Path("/v1/clusters/{cluster}/tasks/{task}/spot-interruption")
public class SpotInterruptionResource {

    private final TaskOperations tasks;
    private final RequestAuthenticator authenticator;

    public SpotInterruptionResource(TaskOperations tasks, RequestAuthenticator authenticator) {
        this.tasks = tasks;
        this.authenticator = authenticator;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Interrupts a FARGATE_SPOT task: stopCode TerminationNotice, SIGTERM, then STOPPED with"
            + " SpotInterruption; its service replaces it")
    public byte[] interrupt(@PathParam("cluster") String cluster, @PathParam("task") String task,
            @Context HttpHeaders headers, @Context UriInfo uri) {
        return tasks.interruptSpot(cluster, task, authenticator.authenticate(SigV4Requests.of("POST", uri, headers,
                null)).caller(), UUID.randomUUID());
    }
}
