package io.berth.scaling.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.ecs.Caller;
import io.berth.events.EventJson;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The ECS services that may be scaled. A registration asks the scheduler-service (their owner) first,
 * so a client that creates a service and registers it at once never sees "doesn't exist", and the
 * desired count it clamps is the current one; the scaling service's own view, fed by the service
 * events, answers when the scheduler can not be reached.
 */
@ApplicationScoped
public class ServiceDirectory {

    private static final Logger LOG = Logger.getLogger(ServiceDirectory.class);

    /** An ACTIVE service and its desired count. */
    public record ActiveService(String serviceArn, int desiredCount) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI schedulerService;

    public ServiceDirectory(@ConfigProperty(name = "berth.scaling.scheduler-service-url") URI schedulerService) {
        this.schedulerService = schedulerService;
    }

    public Optional<ActiveService> active(Caller caller, String clusterArn, String serviceArn) {
        Optional<Optional<ActiveService>> owner = askTheOwner(caller, clusterArn, serviceArn);
        if (owner.isPresent()) {
            return owner.get();
        }
        return QuarkusTransaction.requiringNew().call(() -> ServiceView.active(serviceArn)
                .map(v -> new ActiveService(v.serviceArn, v.desiredCount)));
    }

    /** The scheduler's answer; empty when it could not be asked. */
    private Optional<Optional<ActiveService>> askTheOwner(Caller caller, String clusterArn, String serviceArn) {
        ObjectNode body = EventJson.mapper().createObjectNode().put("cluster", clusterArn);
        body.putArray("services").add(serviceArn);
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(
                            schedulerService.resolve("/ecs/DescribeServices"))
                    .timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/json")
                    .header(Caller.ACCOUNT_HEADER, caller.account())
                    .header(Caller.REGION_HEADER, caller.region())
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() >= 500) {
                return Optional.empty();
            }
            if (response.statusCode() != 200) {
                return Optional.of(Optional.empty());
            }
            JsonNode services = EventJson.mapper().readTree(response.body()).path("services");
            if (services.size() == 1 && "ACTIVE".equals(services.get(0).path("status").asText())) {
                return Optional.of(Optional.of(new ActiveService(serviceArn,
                        services.get(0).path("desiredCount").asInt())));
            }
            return Optional.of(Optional.empty());
        } catch (IOException e) {
            LOG.debugf("The scheduler-service could not be asked about %s: %s", serviceArn, e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
