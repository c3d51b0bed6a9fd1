package io.berth.gateway.query;

import io.berth.ecs.Caller;
import io.berth.ecs.EcsException;
import io.berth.ecs.query.QueryException;
import io.berth.ecs.query.QueryForm;
import io.berth.ecs.rest.ApiMetrics;
import io.berth.ecs.rest.EcsExceptionMapper;
import io.berth.ecs.rest.QueryResponses;
import io.berth.events.EventJson;
import io.berth.gateway.auth.RequestAuthenticator;
import io.berth.gateway.auth.RequestAuthenticator.Principal;
import io.berth.gateway.auth.SigV4;
import io.berth.gateway.auth.SigV4Requests;
import io.berth.gateway.requestlog.RequestLog;
import io.berth.gateway.routing.OwnerClient;
import io.berth.gateway.routing.QueryFaces;
import io.berth.gateway.routing.QueryFaces.QueryFace;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The Query-protocol faces on {@code POST /} (EC2 Auto Scaling, EC2): a form-encoded request with
 * {@code Action} and {@code Version}, told apart by the service its signature is scoped to. The gateway
 * checks the caller, decodes the form once and forwards its parameters, as a flat JSON object, to the
 * owner, whose XML answer goes back unchanged; an error the gateway finds itself is written in the API's
 * own XML envelope.
 */
@ApplicationScoped
public class QueryApiEndpoint {

    public static final String REQUEST_ID_HEADER = "x-amzn-RequestId";
    /** Requests larger than this are refused; the APIs' largest requests are far smaller. */
    static final int MAX_BODY_BYTES = 1024 * 1024;

    private final OwnerClient owners;
    private final RequestLog log;
    private final RequestAuthenticator authenticator;
    private final ApiMetrics metrics;

    public QueryApiEndpoint(OwnerClient owners, RequestLog log, RequestAuthenticator authenticator,
            ApiMetrics metrics) {
        this.owners = owners;
        this.log = log;
        this.authenticator = authenticator;
        this.metrics = metrics;
    }

    /** Whether a request is a Query-protocol one: a form body. */
    public static boolean isQuery(MediaType type) {
        return type != null && type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE);
    }

    public Response call(HttpHeaders headers, UriInfo uri, byte[] body) {
        UUID requestId = UUID.randomUUID();
        Instant receivedAt = Instant.now();
        long started = System.nanoTime();
        String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
        Optional<String> signingName = Optional.ofNullable(headers.getHeaderString("Authorization"))
                .flatMap(SigV4.Authorization::parse).map(SigV4.Authorization::service);
        Principal principal = authenticator.anonymous();
        Map<String, String> parameters = Map.of();
        QueryFace face = QueryFaces.AUTO_SCALING;
        String action = "";
        Response response;
        try {
            parameters = QueryForm.parse(text);
            face = QueryFaces.of(signingName, Optional.ofNullable(parameters.get("Version")));
            principal = authenticator.authenticate(SigV4Requests.of("POST", uri, headers, body));
            if (body != null && body.length > MAX_BODY_BYTES) {
                throw new QueryException("RequestEntityTooLarge", "The request body is " + body.length
                        + " bytes; the limit is " + MAX_BODY_BYTES + " bytes.", 413);
            }
            action = parameters.getOrDefault("Action", "");
            response = forward(face, action, parameters, principal.caller(), requestId);
        } catch (QueryException e) {
            response = QueryResponses.error(face.dialect(), e, requestId.toString());
        } catch (EcsException e) {
            response = QueryResponses.error(face.dialect(), new QueryException(e.code(), e.getMessage(),
                    e.status()), requestId.toString());
        }
        Response answered = Response.fromResponse(response).header(REQUEST_ID_HEADER, requestId.toString()).build();
        Caller caller = principal.caller();
        String errorCode = answered.getHeaderString(EcsExceptionMapper.ERROR_TYPE_HEADER);
        String protocol = face.dialect().signingName();
        log.record(new RequestLog.Entry(requestId, receivedAt, protocol, action, caller.account(), caller.region(),
                answered.getStatus(), errorCode, Duration.between(receivedAt, Instant.now()).toMillis(),
                principal.accessKeyId(), principal.roleArn(), principal.taskArn()));
        metrics.record(protocol, face.actions().contains(action) ? action : ApiMetrics.UNKNOWN, answered.getStatus(),
                errorCode, System.nanoTime() - started);
        return answered;
    }

    private Response forward(QueryFace face, String action, Map<String, String> parameters, Caller caller,
            UUID requestId) {
        if (action.isEmpty()) {
            throw new QueryException("MissingAction", "The request must contain the parameter Action.");
        }
        if (!face.actions().contains(action)) {
            throw new QueryException("InvalidAction", "The action " + action + " is not valid for this web service;"
                    + " Berth implements these " + face.title() + " actions: " + new java.util.TreeSet<>(face.actions())
                    + ".");
        }
        byte[] json = EventJson.mapper().valueToTree(parameters).toString().getBytes(StandardCharsets.UTF_8);
        OwnerClient.Answer answer = owners.exchange(face.owner(), "POST", face.internalPath() + action, json, caller,
                requestId, action.startsWith("Describe"));
        if (answer.status() == 0) {
            throw new QueryException("ServiceUnavailable", "The " + face.owner().serviceName()
                    + " did not answer. Try again.", 503);
        }
        Response.ResponseBuilder builder = Response.status(answer.status()).type(QueryResponses.XML)
                .entity(answer.body());
        if (answer.status() >= 400) {
            builder.header(EcsExceptionMapper.ERROR_TYPE_HEADER, errorCodeOf(answer.body()));
        }
        return builder.build();
    }

    /** The {@code <Code>} of an owner's XML error, for the request log. */
    private static String errorCodeOf(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        int start = text.indexOf("<Code>");
        int end = text.indexOf("</Code>");
        return start < 0 || end < start ? "Unknown" : text.substring(start + 6, end);
    }
}
