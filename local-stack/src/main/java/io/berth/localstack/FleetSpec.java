package io.berth.localstack;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * A fleet of hosted instances the stack launches once it is up, from {@code BERTH_FLEET}:
 * comma-separated {@code <cluster>:<instance type>:<count>[:<runtime>]} (simulated, process or docker), e.g.
 * {@code default:m5.large:10,batch:c5.xlarge:4:process,web:m5.large:2:docker}. The cluster is created if needed; the
 * instances belong to the default account and region, as unsigned CLI calls do.
 */
record FleetSpec(String cluster, String instanceType, int count, String runtime) {

    static List<FleetSpec> parse(String value) {
        List<FleetSpec> fleets = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return fleets;
        }
        for (String item : value.split(",")) {
            String[] parts = item.trim().split(":");
            if (parts.length < 3 || parts.length > 4 || parts[0].isBlank() || parts[1].isBlank()) {
                throw new IllegalArgumentException("BERTH_FLEET entry '" + item.trim()
                        + "' is not <cluster>:<instance type>:<count>[:<runtime>]");
            }
            int count;
            try {
                count = Integer.parseInt(parts[2].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("BERTH_FLEET entry '" + item.trim() + "' has no valid count");
            }
            fleets.add(new FleetSpec(parts[0].trim(), parts[1].trim(), count,
                    parts.length == 4 ? parts[3].trim() : "simulated"));
        }
        return fleets;
    }

    /** Creates the cluster and launches the instances through the gateway; false if it refused. */
    boolean launch(HttpClient http, URI gateway, PrintStream out) throws IOException, InterruptedException {
        HttpResponse<String> cluster = http.send(HttpRequest.newBuilder(gateway)
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "AmazonEC2ContainerServiceV20141113.CreateCluster")
                .POST(HttpRequest.BodyPublishers.ofString("{\"clusterName\":\"" + this.cluster + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (cluster.statusCode() != 200) {
            out.println("Fleet " + this + ": CreateCluster answered " + cluster.body());
            return false;
        }
        HttpResponse<String> fleet = http.send(HttpRequest.newBuilder(gateway.resolve("/v1/clusters/" + this.cluster
                        + "/fleet")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"instanceType\":\"" + instanceType + "\",\"count\":"
                        + count + ",\"runtime\":\"" + runtime + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (fleet.statusCode() != 200) {
            out.println("Fleet " + this + ": the launch answered " + fleet.body());
            return false;
        }
        out.printf("Launched %d %s %s instances into cluster %s%n", count, runtime, instanceType, this.cluster);
        return true;
    }

    @Override
    public String toString() {
        return cluster + ":" + instanceType + ":" + count + ":" + runtime;
    }
}
