package io.berth.gateway.stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.ecs.Caller;
import io.berth.ecs.EcsException;
import io.berth.events.EventEnvelope;
import io.berth.events.EventJson;
import io.berth.gateway.auth.SigV4Caller;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code GET /v1/events}: the caller's events as Server-Sent Events, as they happen. Filters:
 * {@code cluster} (name or ARN), {@code service} (name or ARN; its own events and its tasks'),
 * {@code type} (comma-separated event type names). Each event's id is the event id; a client that
 * reconnects with {@code Last-Event-ID} gets what it missed, while that is still in the window.
 */
@Path("/v1/events")
public class EventStreamResource {

    private final EventFeed feed;
    private final SigV4Caller callers;

    public EventStreamResource(EventFeed feed, SigV4Caller callers) {
        this.feed = feed;
        this.callers = callers;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Live stream of the caller's events (SSE), filterable by cluster, service and type,"
            + " resumable with Last-Event-ID")
    public Multi<OutboundSseEvent> stream(@QueryParam("cluster") String cluster, @QueryParam("service") String service,
            @QueryParam("type") String type, @HeaderParam("Last-Event-ID") String lastEventId,
            @HeaderParam("Authorization") String authorization, @Context Sse sse) {
        Caller caller = callers.of(authorization);
        Optional<UUID> after = Optional.ofNullable(lastEventId).filter(id -> !id.isBlank()).map(id -> {
            try {
                return UUID.fromString(id.trim());
            } catch (IllegalArgumentException e) {
                throw new EcsException("InvalidParameterException", "Last-Event-ID must be an event id (a UUID).");
            }
        });
        Predicate<EventEnvelope> wanted = filter(caller, cluster, service, type);
        Multi<EventEnvelope> events = feed.after(after).orElseThrow(() -> new EcsException(
                "InvalidParameterException", "Event " + lastEventId + " is no longer in the stream's window;"
                + " read the history from the owning service's /v1 API instead."));
        return events.filter(wanted).map(e -> sse.newEventBuilder()
                .id(e.eventId().toString()).name(e.type()).mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(String.class, EventJson.toJson(e).toString()).build());
    }

    static Predicate<EventEnvelope> filter(Caller caller, String cluster, String service, String type) {
        Set<String> types = type == null || type.isBlank() ? Set.of()
                : Arrays.stream(type.split(",")).map(String::trim).collect(Collectors.toSet());
        return e -> {
            if (!caller.account().equals(e.account()) || !caller.region().equals(e.region())) {
                return false;
            }
            if (!types.isEmpty() && !types.contains(e.type())) {
                return false;
            }
            JsonNode payload = EventJson.payloadToJson(e.payload());
            if (cluster != null && !cluster.isBlank() && !names(payload.path("clusterArn").asText(), "cluster",
                    cluster)) {
                return false;
            }
            if (service != null && !service.isBlank()) {
                String name = service.substring(service.lastIndexOf('/') + 1);
                return names(payload.path("serviceArn").asText(), "service", service)
                        || ("service:" + name).equals(payload.path("group").asText());
            }
            return true;
        };
    }

    /** Whether {@code arn} is the resource named {@code nameOrArn} (a service ARN ends with its name). */
    private static boolean names(String arn, String kind, String nameOrArn) {
        if (arn.isEmpty()) {
            return false;
        }
        return nameOrArn.startsWith("arn:") ? arn.equals(nameOrArn) : arn.endsWith("/" + nameOrArn)
                && arn.contains(":" + kind + "/");
    }
}
