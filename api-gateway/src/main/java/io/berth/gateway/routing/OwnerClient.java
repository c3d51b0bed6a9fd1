package io.berth.gateway.routing;

import io.berth.ecs.Caller;
import io.berth.eventstore.Position;
import io.berth.gateway.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;

/**
 * Forwards an API operation to the service that owns it, over that service's internal API
 * ({@code POST /ecs/<Operation>}, {@code /aas/…}, {@code /ecr/…}; ADR 0007). Reads are retried a
 * bounded number of times, after a short pause, when the owner cannot be reached or says it is
 * unavailable (502, 503, 504: starting, stopping, or a proxy before it); writes are not, since the
 * owner may have committed them. Every call carries what its caller wrote lately and each answer's writes are
 * kept for the caller's next calls ({@link PendingPositions}, ADR 0033).
 */
@ApplicationScoped
public class OwnerClient {

    private static final Logger LOG = Logger.getLogger(OwnerClient.class);
    private static final int READ_ATTEMPTS = 3;
    /**
     * The pause before a read's second and third attempt (each drawn between half of it and all of it):
     * an owner that could not answer gets room, not the same call again at once from every waiting
     * worker. A 500 is not retried here: it is a failure of the owner's code, the same call fails again,
     * and the caller's SDK retries it with its own back-off.
     */
    private static final Duration[] READ_PAUSES = {Duration.ofMillis(20), Duration.ofMillis(100)};
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** How long an owner may stay silent on an open call before it counts as not answering. */
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);
    /**
     * Connections kept open to each owner: a request waits for one only when this many calls to the
     * same owner are in flight at once, more than the gateway's worker threads make in practice.
     */
    static final int CONNECTIONS_PER_OWNER = 64;
    /**
     * An answer names a position per stream its call wrote ({@link Position#WRITTEN_HEADER}): a batch
     * of a hundred streams passes Vert.x's default of 8 KiB of headers, not this.
     */
    static final int MAX_HEADER_BYTES = 256 * 1024;

    /**
     * Vert.x's client on the gateway's own event loops rather than the JDK's: the JDK client reads
     * each answer on a selector thread of its own and completes it on a worker pool, two thread
     * hand-offs and two JIT-compiled HTTP stacks per read, where this one answers on the event loop
     * that also serves the caller ("what a read costs" in docs/benchmarks.md, ADR 0049).
     */
    private final Vertx vertx;
    private final HttpClient http;
    private final GatewayConfig config;
    private final PendingPositions pending;

    public OwnerClient(Vertx vertx, GatewayConfig config, PendingPositions pending) {
        this.vertx = vertx;
        this.http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true)
                .setMaxHeaderSize(MAX_HEADER_BYTES), new PoolOptions().setHttp1MaxSize(CONNECTIONS_PER_OWNER));
        this.config = config;
        this.pending = pending;
    }

    /** What the owner answered; status 0 when it could not be reached at all. */
    public record Answer(int status, byte[] body, String contentType) {

        static final Answer NONE = new Answer(0, new byte[0], "application/json");
    }

    /** An ECS operation, to the owner's {@code POST /ecs/<Operation>}. */
    public Answer forward(Owner owner, String operation, byte[] body, Caller caller, UUID requestId) {
        return forward(owner, EcsOperations.FACE, operation, body, caller, requestId);
    }

    /** An operation of {@code face}, to the owner's {@code POST <internal path><Operation>}. */
    public Answer forward(Owner owner, ApiFace face, String operation, byte[] body, Caller caller, UUID requestId) {
        return exchange(owner, "POST", face.internalPath() + operation, body, caller, requestId, isRead(operation));
    }

    /**
     * {@link #forward(Owner, ApiFace, String, byte[], Caller, UUID)} without blocking: the answer
     * completes on the event loop the call runs on; for a caller on an event loop, which must not wait.
     */
    public Future<Answer> forwardAsync(Owner owner, ApiFace face, String operation, byte[] body, Caller caller,
            UUID requestId) {
        return exchangeAsync(owner, "POST", face.internalPath() + operation, body, caller, requestId,
                isRead(operation));
    }

    /**
     * Sends a request to the owner's HTTP API ({@code path} with its query string); {@code read}
     * requests are retried when the owner can not be reached or fails. Blocks its caller, a worker
     * thread: never call it on an event loop, whose own answer it would wait for
     * ({@link #exchangeAsync} is for those).
     */
    public Answer exchange(Owner owner, String method, String path, byte[] body, Caller caller, UUID requestId,
            boolean read) {
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException("A call to the " + owner.serviceName() + " on an event loop");
        }
        // The future never fails (an owner that cannot be reached is Answer.NONE): only its answer is waited for,
        // and the wait ends early only when the worker is interrupted.
        BlockingQueue<Answer> answered = new ArrayBlockingQueue<>(1);
        exchangeAsync(owner, method, path, body, caller, requestId, read).onSuccess(answered::add);
        try {
            return answered.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Answer.NONE;
        }
    }

    /**
     * {@link #exchange} as a future that never fails: what the owner answered, or {@link Answer#NONE}
     * when it could not be reached. Runs on an event loop from its start (the caller's own when it is
     * on one), retries included: a read's pause before its next attempt is a timer, not a sleep.
     */
    public Future<Answer> exchangeAsync(Owner owner, String method, String path, byte[] body, Caller caller,
            UUID requestId, boolean read) {
        RequestOptions request = new RequestOptions()
                .setMethod(HttpMethod.valueOf(method))
                .setAbsoluteURI(baseOf(owner).resolve(path).toString())
                .setConnectTimeout(CONNECT_TIMEOUT.toMillis())
                .setIdleTimeout(ANSWER_TIMEOUT.toMillis())
                .putHeader("Content-Type", "application/json")
                .putHeader(Caller.ACCOUNT_HEADER, caller.account())
                .putHeader(Caller.REGION_HEADER, caller.region())
                .putHeader("X-Berth-Request-Id", requestId.toString());
        List<Position> awaited = pending.of(caller);
        if (!awaited.isEmpty()) {
            request.putHeader(Position.AWAIT_HEADER, Position.format(awaited));
        }
        Call call = new Call(owner, request, body == null ? null : Buffer.buffer(body), caller, read ? READ_ATTEMPTS : 1,
                Promise.promise());
        if (Context.isOnEventLoopThread()) {
            attempt(call, 1);
        } else {
            vertx.runOnContext(ignored -> attempt(call, 1));
        }
        return call.answer().future();
    }

    private record Call(Owner owner, RequestOptions request, Buffer sent, Caller caller, int attempts,
            Promise<Answer> answer) {
    }

    /** One attempt of {@code call}, and the next one after a pause if it may be asked again. */
    private void attempt(Call call, int attempt) {
        Future<Answer> sent;
        try {
            sent = send(call);
        } catch (RuntimeException e) {
            sent = Future.failedFuture(e);
        }
        sent.onComplete(done -> {
            boolean last = attempt >= call.attempts();
            if (done.succeeded() && (last || !unavailable(done.result().status()))) {
                call.answer().complete(done.result());
                return;
            }
            if (done.failed()) {
                LOG.warnf("%s could not be reached or did not answer %s %s: %s", call.owner(),
                        call.request().getMethod(), call.request().getURI(), done.cause().toString());
                if (last) {
                    call.answer().complete(Answer.NONE);
                    return;
                }
            }
            vertx.setTimer(pauseMillis(READ_PAUSES[attempt - 1]), timer -> attempt(call, attempt + 1));
        });
    }

    static boolean unavailable(int status) {
        return status == 502 || status == 503 || status == 504;
    }

    /** Between half of {@code pause} and all of it, in milliseconds. */
    private static long pauseMillis(Duration pause) {
        long millis = pause.toMillis();
        return ThreadLocalRandom.current().nextLong(millis / 2, millis + 1);
    }

    /**
     * One exchange, on an event loop: the answer's body is asked for in the same task as its head
     * arrives, before any of its data. Chained from a waiting worker instead, a fast owner's data could
     * arrive before the body was asked for, and be lost (ADR 0049).
     */
    private Future<Answer> send(Call call) {
        return http.request(call.request())
                .compose(r -> call.sent() == null ? r.send() : r.send(call.sent()))
                .compose(response -> response.body().map(received -> {
                    String written = response.getHeader(Position.WRITTEN_HEADER);
                    if (written != null) {
                        pending.written(call.caller(), Position.parse(written));
                    }
                    String type = response.getHeader("Content-Type");
                    return new Answer(response.statusCode(), received.getBytes(),
                            type == null ? "application/json" : type);
                }));
    }

    static boolean isRead(String operation) {
        return operation.startsWith("Describe") || operation.startsWith("List") || operation.startsWith("Get");
    }

    private URI baseOf(Owner owner) {
        return switch (owner) {
            case CLUSTER_SERVICE -> config.clusterServiceUrl();
            case SCHEDULER_SERVICE -> config.schedulerServiceUrl();
            case AGENT_SERVICE -> config.agentServiceUrl();
            case SCALING_SERVICE -> config.scalingServiceUrl();
            case REGISTRY_SERVICE -> config.registryServiceUrl();
            case LOGS_SERVICE -> config.logsServiceUrl();
        };
    }
}
