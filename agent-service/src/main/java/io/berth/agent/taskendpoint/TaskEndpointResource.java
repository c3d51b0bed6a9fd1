package io.berth.agent.taskendpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.agent.runtime.ContainerSpec;
import io.berth.agent.taskendpoint.TaskIdentities.RoleOfTask;
import io.berth.agent.taskendpoint.TaskLookup.HostedTask;
import io.berth.ecs.credentials.SessionCredentials;
import io.berth.ecs.credentials.SessionCredentials.Credentials;
import io.berth.events.EventJson;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * What the ECS agent serves its tasks' containers on {@code 169.254.170.2}, with the same paths and answers: the
 * credentials of the task role ({@code /v2/credentials/<id>}) and the task metadata endpoint v4
 * ({@code /v4/<id>}, {@code /task}, {@code /taskWithTags}, {@code /stats}, {@code /task/stats}). An id opens only
 * for a task that runs on one of this service's hosted agents now; errors are spelled as the agent spells them.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Task endpoints")
public class TaskEndpointResource {

    private final TaskIdentities identities;
    private final TaskLookup tasks;

    public TaskEndpointResource(TaskIdentities identities, TaskLookup tasks) {
        this.identities = identities;
        this.tasks = tasks;
    }

    @GET
    @Path("v2/credentials/{id}")
    @Operation(summary = "The task role's temporary credentials (AWS_CONTAINER_CREDENTIALS_*_URI)")
    public Response credentials(@PathParam("id") String id) {
        Optional<RoleOfTask> role = identities.credentialsOf(id)
                .filter(r -> tasks.hosted(r.taskArn()).isPresent());
        if (role.isEmpty()) {
            return error(400, "InvalidIdInRequest", "CredentialsV2Request: Credentials not found");
        }
        Credentials issued = identities.issue(role.get().account(), role.get().taskArn(), role.get().roleArn(),
                SessionCredentials.TASK);
        ObjectNode body = EventJson.mapper().createObjectNode().put("RoleArn", issued.identity().roleArn())
                .put("AccessKeyId", issued.accessKeyId()).put("SecretAccessKey", issued.secretAccessKey())
                .put("Token", issued.sessionToken()).put("Expiration", issued.identity().expiration().toString())
                .put("AccountId", issued.identity().account());
        return Response.ok(body).build();
    }

    @GET
    @Path("v4/{id}")
    @Operation(summary = "Task metadata v4: this container")
    public Response container(@PathParam("id") String id) {
        return withContainer(id, (hosted, container) -> TaskMetadata.container(hosted, container));
    }

    @GET
    @Path("v4/{id}/task")
    @Operation(summary = "Task metadata v4: the task and all its containers")
    public Response task(@PathParam("id") String id) {
        return withContainer(id, (hosted, container) -> TaskMetadata.task(hosted));
    }

    @GET
    @Path("v4/{id}/taskWithTags")
    @Operation(summary = "Task metadata v4: the task with its tags and its instance's tags")
    public Response taskWithTags(@PathParam("id") String id) {
        return withContainer(id, (hosted, container) -> {
            ObjectNode task = TaskMetadata.task(hosted);
            task.putObject("TaskTags");
            task.putObject("ContainerInstanceTags");
            return task;
        });
    }

    @GET
    @Path("v4/{id}/stats")
    @Operation(summary = "Task metadata v4: this container's Docker stats")
    public Response stats(@PathParam("id") String id) {
        return withContainer(id, (hosted, container) -> tasks.stats(hosted.running().spec().taskArn(),
                container.name()).orElse(EventJson.mapper().nullNode()));
    }

    @GET
    @Path("v4/{id}/task/stats")
    @Operation(summary = "Task metadata v4: the Docker stats of every container, by container id")
    public Response taskStats(@PathParam("id") String id) {
        return withContainer(id, (hosted, container) -> {
            ObjectNode stats = EventJson.mapper().createObjectNode();
            for (ContainerSpec each : hosted.running().spec().containers()) {
                String dockerId = TaskMetadata.container(hosted, each).path("DockerId").asText();
                stats.set(dockerId, tasks.stats(hosted.running().spec().taskArn(), each.name())
                        .orElse(EventJson.mapper().nullNode()));
            }
            return stats;
        });
    }

    private interface Answer {
        JsonNode of(HostedTask hosted, ContainerSpec container);
    }

    private Response withContainer(String id, Answer answer) {
        Optional<String[]> named = identities.metadataOf(id);
        Optional<HostedTask> hosted = named.flatMap(n -> tasks.hosted(n[0]));
        if (hosted.isEmpty()) {
            return error(404, "TaskMetadataNotFound", "Unable to get task metadata for container id " + id);
        }
        Optional<ContainerSpec> container = hosted.get().running().spec().containers().stream()
                .filter(c -> c.name().equals(named.get()[1])).findFirst();
        return container.map(c -> Response.ok(answer.of(hosted.get(), c)).build())
                .orElseGet(() -> error(404, "TaskMetadataNotFound", "Unable to get task metadata for container id "
                        + id));
    }

    private static Response error(int status, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(EventJson.mapper().createObjectNode()
                .put("code", code).put("message", message)).build();
    }
}
