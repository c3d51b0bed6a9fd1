package io.berth.gateway.routing;

import io.berth.ecs.Caller;
import io.berth.eventstore.Position;
import io.berth.gateway.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Forwards an API operation to the service that owns it, over that service's internal API
 * ({@code POST /ecs/<Operation>}, {@code /aas/…}, {@code /ecr/…}; ADR 0007). Reads are retried a
 * bounded number of times when the owner cannot be reached; writes are not, since the owner may
 * have committed them. Every call carries what its caller wrote lately and each answer's writes are
 * kept for the caller's next calls ({@link PendingPositions}, ADR 0033).
 */
@ApplicationScoped
public class OwnerClient {

    private static final Logger LOG = Logger.getLogger(OwnerClient.class);
    private static final int READ_ATTEMPTS = 3;

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    private final GatewayConfig config;
    private final PendingPositions pending;

    public OwnerClient(GatewayConfig config, PendingPositions pending) {
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
     * Sends a request to the owner's HTTP API ({@code path} with its query string); {@code read}
     * requests are retried when the owner can not be reached or fails.
     */
    public Answer exchange(Owner owner, String method, String path, byte[] body, Caller caller, UUID requestId,
            boolean read) {
        URI uri = baseOf(owner).resolve(path);
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri);
        List<Position> awaited = pending.of(caller);
        if (!awaited.isEmpty()) {
            builder.header(Position.AWAIT_HEADER, Position.format(awaited));
        }
        HttpRequest request = builder
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header(Caller.ACCOUNT_HEADER, caller.account())
                .header(Caller.REGION_HEADER, caller.region())
                .header("X-Berth-Request-Id", requestId.toString())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        int attempts = read ? READ_ATTEMPTS : 1;
        for (int attempt = 1; ; attempt++) {
            try {
                HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                if (response.statusCode() >= 500 && attempt < attempts) {
                    continue;
                }
                response.headers().firstValue(Position.WRITTEN_HEADER)
                        .ifPresent(written -> pending.written(caller, Position.parse(written)));
                return new Answer(response.statusCode(), response.body(),
                        response.headers().firstValue("Content-Type").orElse("application/json"));
            } catch (HttpTimeoutException e) {
                LOG.warnf("%s did not answer %s %s in time", owner, method, path);
                if (attempt >= attempts) {
                    return Answer.NONE;
                }
            } catch (IOException e) {
                LOG.warnf("%s could not be reached for %s %s: %s", owner, method, path, e.getMessage());
                if (attempt >= attempts) {
                    return Answer.NONE;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Answer.NONE;
            }
        }
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
