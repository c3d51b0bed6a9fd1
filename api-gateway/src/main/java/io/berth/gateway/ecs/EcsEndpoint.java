package io.berth.gateway.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.ecs.Caller;
import io.berth.ecs.EcsException;
import io.berth.ecs.EcsRequest;
import io.berth.events.EventJson;
import io.berth.gateway.auth.SigV4Caller;
import io.berth.gateway.requestlog.RequestLog;
import io.berth.gateway.routing.AasOperations;
import io.berth.gateway.routing.EcsOperations;
import io.berth.gateway.routing.Owner;
import io.berth.gateway.routing.OwnerClient;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The endpoint the AWS CLI and SDKs call: {@code POST /}, JSON 1.1, dispatched on
 * {@code X-Amz-Target}. It checks the envelope of the request (target, size, JSON, caller), then
 * forwards the operation to its owner and answers with the owner's response or error unchanged.
 */
@Path("/")
public class EcsEndpoint {

    public static final String AMZ_JSON = "application/x-amz-json-1.1";
    public static final String REQUEST_ID_HEADER = "x-amzn-RequestId";
    public static final String ERROR_TYPE_HEADER = "x-amzn-ErrorType";
    /** Requests larger than this are refused with 413; the ECS API's largest requests are far smaller. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;
    /** One JSON value and nothing after it. */
    private static final com.fasterxml.jackson.databind.ObjectReader STRICT = EventJson.mapper().reader()
            .with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final OwnerClient owners;
    private final TaskOperations tasks;
    private final RequestLog log;

    public EcsEndpoint(OwnerClient owners, TaskOperations tasks, RequestLog log) {
        this.owners = owners;
        this.tasks = tasks;
        this.log = log;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "The ECS (and Application Auto Scaling) JSON 1.1 protocol, dispatched on X-Amz-Target")
    public Response call(@HeaderParam("X-Amz-Target") String target,
            @HeaderParam("Authorization") String authorization, byte[] body) {
        UUID requestId = UUID.randomUUID();
        Instant receivedAt = Instant.now();
        String operation = target == null ? "" : target;
        String protocol = "ecs";
        Caller caller = Caller.of(null, null);
        Response response;
        try {
            caller = SigV4Caller.of(authorization);
            if (target != null && target.startsWith(AasOperations.TARGET_PREFIX)) {
                protocol = "application-autoscaling";
                operation = target.substring(AasOperations.TARGET_PREFIX.length());
                response = forwardAas(operation, target, body, caller, requestId);
                return logged(response, requestId, receivedAt, protocol, operation, caller);
            }
            operation = operationOf(target);
            byte[] request = checkedBody(body);
            response = forward(operation, request, caller, requestId);
        } catch (EcsException e) {
            response = error(e.status(), e.code(), e.getMessage(), protocol);
        }
        return logged(response, requestId, receivedAt, protocol, operation, caller);
    }

    private Response logged(Response response, UUID requestId, Instant receivedAt, String protocol,
            String operation, Caller caller) {
        Response answered = withRequestId(response, requestId);
        log.record(new RequestLog.Entry(requestId, receivedAt, protocol, operation, caller.account(),
                caller.region(), answered.getStatus(), answered.getHeaderString(ERROR_TYPE_HEADER),
                java.time.Duration.between(receivedAt, Instant.now()).toMillis()));
        return answered;
    }

    /**
     * An Application Auto Scaling operation: checked like an ECS one, then answered by the
     * scaling-service. Its errors spell the message member {@code Message}.
     */
    private Response forwardAas(String operation, String target, byte[] body, Caller caller, UUID requestId) {
        String protocol = "application-autoscaling";
        try {
            if (!AasOperations.exists(operation)) {
                throw new EcsException("UnknownOperationException", "Unknown operation "
                        + (target.length() > 200 ? target.substring(0, 200) + "..." : target) + ".");
            }
            if (!AasOperations.implemented(operation)) {
                throw new EcsException("UnsupportedFeatureException", "Berth does not implement the Application"
                        + " Auto Scaling operation " + operation + " yet.");
            }
            byte[] request = checkedBody(body);
            OwnerClient.Answer answer = owners.forwardAas(operation, request, caller, requestId);
            if (answer.status() == 0) {
                throw new EcsException("InternalServiceException", "The scaling-service did not answer. Try again.",
                        500);
            }
            if (answer.status() >= 400) {
                JsonNode error = errorBodyOf(answer.body());
                String message = error.has("Message") ? error.path("Message").asText() : error.path("message").asText();
                return error(answer.status(), errorTypeOf(answer.body()), message, protocol);
            }
            return Response.status(answer.status()).type(AMZ_JSON).entity(answer.body()).build();
        } catch (EcsException e) {
            return error(e.status(), e.code(), e.getMessage(), protocol);
        }
    }

    private Response forward(String operation, byte[] request, Caller caller, UUID requestId) {
        Optional<Owner> owner = EcsOperations.TAGGING.contains(operation)
                ? EcsOperations.ownerOfArn(resourceArnOf(request))
                : EcsOperations.ownerOf(operation);
        if (owner.isEmpty()) {
            throw new EcsException("UnsupportedFeatureException", EcsOperations.TAGGING.contains(operation)
                    ? "Berth does not implement " + operation + " for that kind of resource yet."
                    : "Berth does not implement the ECS operation " + operation + " yet.");
        }
        if (owner.get() == Owner.SCHEDULER_SERVICE && EcsOperations.TAGGING.contains(operation)
                && !"ListTagsForResource".equals(operation)) {
            return Response.ok(tasks.tag(operation, request, caller, requestId), AMZ_JSON).build();
        }
        if (EcsOperations.SCHEDULER_COMMANDS.contains(operation)) {
            return Response.ok(tasks.handle(operation, request, caller, requestId), AMZ_JSON).build();
        }
        if (owner.get() == Owner.SCHEDULER_SERVICE && !EcsOperations.TAGGING.contains(operation)) {
            // The scheduler does not own clusters: the gateway checks the cluster for it.
            tasks.activeCluster(EcsRequest.of(readJson(request)), caller, requestId);
        }
        OwnerClient.Answer answer = owners.forward(owner.get(), operation, request, caller, requestId);
        if (answer.status() == 0) {
            throw new EcsException("ServerException", "The " + owner.get().name().toLowerCase().replace('_', '-')
                    + " did not answer. Try again.", 500);
        }
        Response.ResponseBuilder builder = Response.status(answer.status()).type(AMZ_JSON).entity(answer.body());
        if (answer.status() >= 400) {
            builder.header(ERROR_TYPE_HEADER, errorTypeOf(answer.body()));
        }
        return builder.build();
    }

    private static String operationOf(String target) {
        if (target == null || target.isBlank()) {
            throw new EcsException("UnknownOperationException", "The request has no X-Amz-Target header; name the"
                    + " operation as " + EcsOperations.TARGET_PREFIX + "<Operation>.");
        }
        if (!target.startsWith(EcsOperations.TARGET_PREFIX)
                || !EcsOperations.exists(target.substring(EcsOperations.TARGET_PREFIX.length()))) {
            throw new EcsException("UnknownOperationException", "Unknown operation "
                    + (target.length() > 200 ? target.substring(0, 200) + "..." : target) + ".");
        }
        return target.substring(EcsOperations.TARGET_PREFIX.length());
    }

    /** The body as an owner may receive it: at most 1 MiB of UTF-8 text holding one JSON object. */
    static byte[] checkedBody(byte[] body) {
        if (body == null || body.length == 0) {
            return "{}".getBytes(StandardCharsets.UTF_8);
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new EcsException("RequestEntityTooLargeException", "The request body is " + body.length
                    + " bytes; the limit is " + MAX_BODY_BYTES + " bytes.", 413);
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body));
        } catch (CharacterCodingException e) {
            throw new EcsException(EcsRequest.SERIALIZATION_EXCEPTION, "The request body is not valid UTF-8.");
        }
        JsonNode json;
        try {
            json = STRICT.readTree(body);
        } catch (IOException | RuntimeException e) {
            throw new EcsException(EcsRequest.SERIALIZATION_EXCEPTION, "The request body is not valid JSON.");
        }
        if (json == null || !json.isObject()) {
            throw new EcsException(EcsRequest.SERIALIZATION_EXCEPTION, "The request body must be a JSON object.");
        }
        return body;
    }

    private static JsonNode readJson(byte[] request) {
        try {
            return EventJson.mapper().readTree(request);
        } catch (IOException e) {
            throw new EcsException(EcsRequest.SERIALIZATION_EXCEPTION, "The request body is not valid JSON.");
        }
    }

    private static JsonNode errorBodyOf(byte[] body) {
        try {
            JsonNode error = EventJson.mapper().readTree(body);
            return error == null ? EventJson.mapper().createObjectNode() : error;
        } catch (IOException e) {
            return EventJson.mapper().createObjectNode();
        }
    }

    private static String resourceArnOf(byte[] request) {
        JsonNode arn = readJson(request).get("resourceArn");
        if (arn == null || !arn.isTextual() || arn.asText().isBlank()) {
            throw new EcsException("InvalidParameterException", "resourceArn can not be blank.");
        }
        return arn.asText();
    }

    private static String errorTypeOf(byte[] body) {
        try {
            JsonNode type = EventJson.mapper().readTree(body).get("__type");
            return type == null ? "ServerException" : type.asText();
        } catch (IOException e) {
            return "ServerException";
        }
    }

    static Response error(int status, String code, String message, String protocol) {
        com.fasterxml.jackson.databind.node.ObjectNode body = EventJson.mapper().createObjectNode();
        body.put("__type", code);
        // ECS error shapes spell the member "message", Application Auto Scaling's "Message".
        body.put("application-autoscaling".equals(protocol) ? "Message" : "message", message);
        return Response.status(status).type(AMZ_JSON).header(ERROR_TYPE_HEADER, code)
                .entity(body.toString().getBytes(StandardCharsets.UTF_8)).build();
    }

    private static Response withRequestId(Response response, UUID requestId) {
        return Response.fromResponse(response).header(REQUEST_ID_HEADER, requestId.toString()).build();
    }
}
