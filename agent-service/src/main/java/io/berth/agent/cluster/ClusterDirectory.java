package io.berth.agent.cluster;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Whether a cluster exists and is ACTIVE. The agent-service learns clusters from
 * {@code berth.cluster.events}; a cluster created a moment ago may not have arrived yet, so an
 * unknown one is asked of the cluster-service before it is refused. A client that creates a cluster
 * and then registers an instance in it therefore never sees ClusterNotFoundException.
 */
@ApplicationScoped
public class ClusterDirectory {

    private static final Logger LOG = Logger.getLogger(ClusterDirectory.class);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI clusterService;

    public ClusterDirectory(@ConfigProperty(name = "berth.agent.cluster-service-url") URI clusterService) {
        this.clusterService = clusterService;
    }

    public boolean isActive(Caller caller, String clusterArn) {
        if (QuarkusTransaction.requiringNew().call(() -> KnownCluster.isActive(clusterArn))) {
            return true;
        }
        return askTheOwner(caller, clusterArn);
    }

    private boolean askTheOwner(Caller caller, String clusterArn) {
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(clusterService.resolve("/ecs/DescribeClusters"))
                    .timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/json")
                    .header(Caller.ACCOUNT_HEADER, caller.account())
                    .header(Caller.REGION_HEADER, caller.region())
                    .POST(HttpRequest.BodyPublishers.ofString(
                            EventJson.mapper().createObjectNode().set("clusters",
                                    EventJson.mapper().createArrayNode().add(clusterArn)).toString()))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                return false;
            }
            JsonNode clusters = EventJson.mapper().readTree(response.body()).path("clusters");
            return clusters.size() == 1 && "ACTIVE".equals(clusters.get(0).path("status").asText());
        } catch (IOException e) {
            LOG.debugf("The cluster-service could not be asked about %s: %s", clusterArn, e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
