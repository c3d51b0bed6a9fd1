package io.berth.gateway.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.ecs.Caller;
import io.berth.ecs.EcsException;
import io.berth.ecs.EcsRequest;
import io.berth.ecs.RequestText;
import io.berth.ecs.rest.ApiMetrics;
import io.berth.ecs.rest.DispatchesOperations;
import io.berth.events.EventJson;
import io.berth.gateway.auth.RequestAuthenticator;
import io.berth.gateway.auth.RequestAuthenticator.Principal;
import io.berth.gateway.auth.SigV4Requests;
import io.berth.gateway.query.QueryApiEndpoint;
import io.berth.gateway.requestlog.RequestLog;
import io.berth.gateway.routing.ApiFace;
import io.berth.gateway.routing.ApiFaces;
import io.berth.gateway.routing.EcsOperations;
import io.berth.gateway.routing.Owner;
import io.berth.gateway.routing.OwnerClient;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The endpoint the AWS CLI and SDKs call: {@code POST /}, JSON 1.1, dispatched on
 * {@code X-Amz-Target} to one of the {@link ApiFaces} (ECS, Application Auto Scaling, ECR); a form body
 * without a target is a Query-protocol request ({@link QueryApiEndpoint}: Auto Scaling, EC2). It
 * checks the envelope of the request (target, size, JSON, caller), forwards the operation to its
 * owner and answers with the owner's response, or an error spelled the way that API spells them.
 */
@Path("/")
@DispatchesOperations
public class JsonApiEndpoint {

    public static final String AMZ_JSON = "application/x-amz-json-1.1";
    public static final String REQUEST_ID_HEADER = "x-amzn-RequestId";
    public static final String ERROR_TYPE_HEADER = "x-amzn-ErrorType";
    /** Requests larger than this are refused with 413; the APIs' largest requests are far smaller. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;
    private static final String UNSUPPORTED = "UnsupportedFeatureException";
    /** One JSON value and nothing after it. */
    private static final com.fasterxml.jackson.databind.ObjectReader STRICT = EventJson.mapper().reader()
            .with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final OwnerClient owners;
    private final TaskOperations tasks;
    private final RequestLog log;
    private final RequestAuthenticator authenticator;
    private final ApiMetrics metrics;
    private final QueryApiEndpoint query;

    public JsonApiEndpoint(OwnerClient owners, TaskOperations tasks, RequestLog log,
            RequestAuthenticator authenticator, ApiMetrics metrics, QueryApiEndpoint query) {
        this.query = query;
        this.owners = owners;
        this.tasks = tasks;
        this.log = log;
        this.authenticator = authenticator;
        this.metrics = metrics;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "The ECS, Application Auto Scaling and ECR JSON 1.1 protocols, dispatched on X-Amz-Target")
    public Uni<Response> call(@HeaderParam("X-Amz-Target") String target, @Context HttpHeaders headers,
            @Context UriInfo uri, byte[] body) {
        if (target == null && QueryApiEndpoint.isQuery(headers.getMediaType())) {
            return onWorker(() -> query.call(headers, uri, body));
        }
        Exchange exchange = new Exchange(UUID.randomUUID(), Instant.now(), System.nanoTime(), ApiFaces.of(target));
        exchange.operation = target == null ? "" : target;
        try {
            exchange.principal = authenticator.authenticate(SigV4Requests.of("POST", uri, headers, body));
            exchange.operation = operationOf(exchange.face, target);
            CheckedBody request = checkedBody(body, exchange.face.errors().invalidValueCode());
            Route route = route(exchange.face, exchange.operation, request.parsed());
            if (route.way() == Way.FORWARD
                    || route.way() == Way.CHECKED_READ && clusterHeld(request.parsed(), exchange.caller())) {
                return Uni.createFrom().completionStage(owners.forwardAsync(route.owner(), exchange.face,
                                exchange.operation, request.bytes(), exchange.caller(), exchange.requestId)
                                .toCompletionStage())
                        .map(answer -> answered(exchange, respond(exchange.face, route.owner(), answer)));
            }
            return onWorker(() -> answered(exchange, answerOnWorker(exchange, route, request)));
        } catch (EcsException e) {
            return Uni.createFrom().item(answered(exchange, error(exchange.face, e)));
        }
    }

    /** One call on {@code POST /} as it goes: what its request log entry and meter need at its end. */
    private final class Exchange {

        final UUID requestId;
        final Instant receivedAt;
        final long started;
        final ApiFace face;
        String operation;
        Principal principal = authenticator.anonymous();

        Exchange(UUID requestId, Instant receivedAt, long started, ApiFace face) {
            this.requestId = requestId;
            this.receivedAt = receivedAt;
            this.started = started;
            this.face = face;
        }

        Caller caller() {
            return principal.caller();
        }
    }

    /**
     * How an operation is answered: its owner and its {@link Way}, decided once per call.
     */
    private record Route(Owner owner, Way way) {
    }

    /**
     * {@code FORWARD}: to its owner with nothing before the call that may block, so on the event loop
     * that received it (issue 21, ADR 0065). {@code CHECKED_READ}: a read of the scheduler's whose
     * cluster the gateway checks first, on the event loop too when the catalog holds the cluster and has
     * applied the caller's writes, on a worker otherwise. {@code TAG} (a task's or a service's tags) and
     * {@code COMMAND} (the scheduler's commands) travel over Kafka, on a worker.
     */
    private enum Way {
        FORWARD, CHECKED_READ, TAG, COMMAND
    }

    private static Route route(ApiFace face, String operation, EcsRequest request) {
        if (face != EcsOperations.FACE) {
            return new Route(face.ownerOf(operation).orElseThrow(() -> unsupported(face, operation)), Way.FORWARD);
        }
        if (EcsOperations.TAGGING.contains(operation)) {
            Owner owner = EcsOperations.ownerOfArn(resourceArnOf(request)).orElseThrow(() -> new EcsException(
                    UNSUPPORTED, "Berth does not implement " + operation + " for that kind of resource yet."));
            boolean command = owner == Owner.SCHEDULER_SERVICE && !"ListTagsForResource".equals(operation);
            return new Route(owner, command ? Way.TAG : Way.FORWARD);
        }
        Owner owner = face.ownerOf(operation).orElseThrow(() -> unsupported(face, operation));
        if (EcsOperations.SCHEDULER_COMMANDS.contains(operation)) {
            return new Route(owner, Way.COMMAND);
        }
        boolean checked = owner == Owner.SCHEDULER_SERVICE
                && !EcsOperations.SERVICE_DEPLOYMENTS_BY_ARN.contains(operation);
        return new Route(owner, checked ? Way.CHECKED_READ : Way.FORWARD);
    }

    /**
     * The cluster check of a scheduler read without blocking: true when it passed from memory, false
     * when it needs the worker's way; a cluster held and not ACTIVE is refused here as there.
     */
    private boolean clusterHeld(EcsRequest request, Caller caller) {
        return tasks.heldActiveCluster(request, caller).isPresent();
    }

    /**
     * What ECS adds to forwarding, on a worker: the scheduler's commands travel over Kafka (ADR 0010),
     * tagging a task or a service is one of them, and the cluster check of a scheduler read that must
     * wait for the caller's writes or read the catalog's table comes before its forward.
     */
    private Response answerOnWorker(Exchange exchange, Route route, CheckedBody request) {
        String operation = exchange.operation;
        Caller caller = exchange.caller();
        try {
            switch (route.way()) {
                case TAG:
                    return Response.ok(tasks.tag(operation, request.parsed(), caller, exchange.requestId), AMZ_JSON)
                            .build();
                case COMMAND:
                    return Response.ok(tasks.handle(operation, request.parsed(), caller, exchange.requestId),
                            AMZ_JSON).build();
                case CHECKED_READ:
                    tasks.activeCluster(request.parsed(), caller, exchange.requestId);
                    break;
                case FORWARD:
                    break;
            }
            return respond(exchange.face, route.owner(), owners.forward(route.owner(), exchange.face, operation,
                    request.bytes(), caller, exchange.requestId));
        } catch (EcsException e) {
            return error(exchange.face, e);
        }
    }

    /** {@code response} with the request's id, once it is recorded in the request log and the meters. */
    private Response answered(Exchange exchange, Response response) {
        Response answered = Response.fromResponse(response).header(REQUEST_ID_HEADER, exchange.requestId.toString())
                .build();
        Principal principal = exchange.principal;
        Caller caller = principal.caller();
        ApiFace face = exchange.face;
        log.record(new RequestLog.Entry(exchange.requestId, exchange.receivedAt, face.protocol(), exchange.operation,
                caller.account(), caller.region(), answered.getStatus(), answered.getHeaderString(ERROR_TYPE_HEADER),
                Duration.between(exchange.receivedAt, Instant.now()).toMillis(), principal.accessKeyId(),
                principal.roleArn(), principal.taskArn()));
        metrics.record(face.protocol(), face.operations().contains(exchange.operation) ? exchange.operation
                : ApiMetrics.UNKNOWN, answered.getStatus(), answered.getHeaderString(ERROR_TYPE_HEADER),
                System.nanoTime() - exchange.started);
        return answered;
    }

    /** Work that may block (a wait, a JDBC read, a command's answer), off the event loop. */
    private static Uni<Response> onWorker(Supplier<Response> work) {
        return Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** The owner's answer as this face gives it, or its server error when the owner did not answer. */
    static Response respond(ApiFace face, Owner owner, OwnerClient.Answer answer) {
        if (answer.status() == 0) {
            return error(face, 500, face.errors().serverErrorCode(), "The " + owner.serviceName()
                    + " did not answer. Try again.");
        }
        if (answer.status() < 400) {
            return Response.status(answer.status()).type(AMZ_JSON).entity(answer.body()).build();
        }
        JsonNode error = errorBodyOf(answer.body());
        String code = error.path("__type").asText(face.errors().serverErrorCode());
        if (error.has(face.errors().messageMember())) {
            return Response.status(answer.status()).type(AMZ_JSON).header(ERROR_TYPE_HEADER, code)
                    .entity(answer.body()).build();
        }
        // An error the owner's shared request parsing spelled the ECS way, in an API that spells it otherwise.
        String message = error.has("message") ? error.path("message").asText() : error.path("Message").asText();
        if (message.isBlank() && answer.status() >= 500) {
            // An owner's unexpected failure (a lost database connection, say) answers Quarkus' own error body.
            message = "The " + owner.serviceName() + " failed to answer (HTTP " + answer.status() + "). Try again.";
        }
        return error(face, answer.status(), code, message);
    }

    private static String operationOf(ApiFace face, String target) {
        if (target == null || target.isBlank()) {
            throw new EcsException("UnknownOperationException", "The request has no X-Amz-Target header; name the"
                    + " operation as " + EcsOperations.TARGET_PREFIX + "<Operation>.");
        }
        return face.operationOf(target).orElseThrow(() -> new EcsException("UnknownOperationException",
                "Unknown operation " + (target.length() > 200 ? target.substring(0, 200) + "..." : target) + "."));
    }

    private static EcsException unsupported(ApiFace face, String operation) {
        return new EcsException(UNSUPPORTED, "Berth does not implement the " + face.title() + " operation "
                + operation + " yet.");
    }

    /**
     * A request body as the edge checked it: the bytes an owner receives as they came, and their one
     * parse, which the route, the cluster check and the scheduler's commands read from then on.
     */
    record CheckedBody(byte[] bytes, EcsRequest parsed) {
    }

    /**
     * The body as an owner may receive it: at most 1 MiB of UTF-8 text holding one JSON object whose
     * strings hold no control characters; {@code invalidValueCode} is how the API names a bad value.
     */
    static CheckedBody checkedBody(byte[] body, String invalidValueCode) {
        if (body == null || body.length == 0) {
            return new CheckedBody("{}".getBytes(StandardCharsets.UTF_8),
                    EcsRequest.of(EventJson.mapper().createObjectNode()));
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
        RequestText.firstViolation(json).ifPresent(v -> { throw new EcsException(invalidValueCode, v.message()); });
        return new CheckedBody(body, EcsRequest.of(json));
    }

    private static JsonNode errorBodyOf(byte[] body) {
        try {
            JsonNode error = EventJson.mapper().readTree(body);
            return error == null ? EventJson.mapper().createObjectNode() : error;
        } catch (IOException e) {
            return EventJson.mapper().createObjectNode();
        }
    }

    private static String resourceArnOf(EcsRequest request) {
        JsonNode arn = request.body().get("resourceArn");
        if (arn == null || !arn.isTextual() || arn.asText().isBlank()) {
            throw new EcsException("InvalidParameterException", "resourceArn can not be blank.");
        }
        return arn.asText();
    }

    private static Response error(ApiFace face, EcsException e) {
        return error(face, e.status(), e.code(), e.getMessage());
    }

    static Response error(ApiFace face, int status, String code, String message) {
        ObjectNode body = EventJson.mapper().createObjectNode();
        body.put("__type", code);
        body.put(face.errors().messageMember(), message);
        return Response.status(status).type(AMZ_JSON).header(ERROR_TYPE_HEADER, code)
                .entity(body.toString().getBytes(StandardCharsets.UTF_8)).build();
    }
}
