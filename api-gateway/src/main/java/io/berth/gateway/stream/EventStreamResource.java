package io.berth.gateway.stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.ecs.Caller;
import io.berth.ecs.EcsException;
import io.berth.events.EventEnvelope;
import io.berth.events.EventJson;
import io.berth.gateway.auth.RequestAuthenticator;
import io.berth.gateway.auth.SigV4Requests;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code GET /v1/events}: the caller's events as Server-Sent Events, as they happen. Filters:
 * {@code cluster} (name or ARN), {@code service} (name or ARN; its own events and its tasks'),
 * {@code autoScalingGroup} (comma-separated names or ARNs; a group's events carry no cluster, so a
 * stream asking for a cluster and groups carries both's events), {@code type} (comma-separated event
 * type names). Each event's id is the event id; a client that
 * reconnects with {@code Last-Event-ID} gets what it missed, while that is still in the window.
 * {@code account} chooses the account as the console's pages do (any, unless signatures are
 * verified), so that a page shown for an account follows that account's events.
 */
@Path("/v1/events")
public class EventStreamResource {

    private final EventFeed feed;
    private final RequestAuthenticator authenticator;

    public EventStreamResource(EventFeed feed, RequestAuthenticator authenticator) {
        this.feed = feed;
        this.authenticator = authenticator;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Live stream of the caller's events (SSE), filterable by cluster, service, Auto Scaling"
            + " group and type, resumable with Last-Event-ID")
    public Multi<OutboundSseEvent> stream(@QueryParam("cluster") String cluster, @QueryParam("service") String service,
            @QueryParam("autoScalingGroup") String groups, @QueryParam("type") String type,
            @QueryParam("account") String account,
            @HeaderParam("Last-Event-ID") String lastEventId, @Context HttpHeaders headers, @Context UriInfo uri,
            @Context Sse sse) {
        Caller caller = authenticator.actingFor(
                authenticator.authenticate(SigV4Requests.of("GET", uri, headers, null)).caller(), account);
        Optional<UUID> after = Optional.ofNullable(lastEventId).filter(id -> !id.isBlank()).map(id -> {
            try {
                return UUID.fromString(id.trim());
            } catch (IllegalArgumentException e) {
                throw new EcsException("InvalidParameterException", "Last-Event-ID must be an event id (a UUID).");
            }
        });
        Multi<EventEnvelope> events = feed.after(after, filter(caller, cluster, service, groups, type))
                .orElseThrow(() -> new EcsException("InvalidParameterException", "Event " + lastEventId
                        + " is no longer in the stream's window; read the history from the owning service's /v1 API"
                        + " instead."));
        return events.map(e -> sse.newEventBuilder()
                .id(e.eventId().toString()).name(e.type()).mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(String.class, EventJson.toJson(e).toString()).build());
    }

    static StreamFilter filter(Caller caller, String cluster, String service, String groups, String type) {
        boolean byCluster = cluster != null && !cluster.isBlank();
        boolean byService = service != null && !service.isBlank();
        return new StreamFilter(list(type), caller.account(), list(groups),
                e -> caller.account().equals(e.account()) && caller.region().equals(e.region()),
                !byCluster && !byService ? null : e -> {
                    JsonNode payload = EventJson.payloadToJson(e.payload());
                    if (byCluster && !names(payload.path("clusterArn").asText(), "cluster", cluster)) {
                        return false;
                    }
                    if (byService) {
                        String name = service.substring(service.lastIndexOf('/') + 1);
                        return names(payload.path("serviceArn").asText(), "service", service)
                                || ("service:" + name).equals(payload.path("group").asText());
                    }
                    return true;
                });
    }

    /** A comma-separated parameter's values; none when it is absent. */
    private static Set<String> list(String values) {
        return values == null || values.isBlank() ? Set.of() : Arrays.stream(values.split(",")).map(String::trim)
                .filter(v -> !v.isEmpty()).collect(Collectors.toSet());
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
