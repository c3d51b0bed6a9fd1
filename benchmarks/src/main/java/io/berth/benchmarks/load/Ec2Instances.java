package io.berth.benchmarks.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * EC2 instances for a peer that, like moto_server, registers container instances only for EC2
 * instances it knows: {@code RunInstances} over the EC2 query protocol on the same endpoint. Berth
 * does not need it (its instance identity document is the agent's word).
 */
@FunctionalInterface
interface Ec2Instances {

    /** Launches {@code count} instances of {@code instanceType} and returns their ids. */
    List<String> run(int count, String instanceType);

    /** No EC2 at all: an endpoint that refuses unknown instance ids can not be set up. */
    Ec2Instances NONE = (count, type) -> {
        throw new IllegalStateException("The endpoint wants EC2 instances for its container instances, and this"
                + " run has no EC2 endpoint");
    };

    /** EC2's {@code RunInstances} on {@code endpoint}, in batches of at most 100. */
    static Ec2Instances queryApi(URI endpoint, String account, String region) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Pattern id = Pattern.compile("<instanceId>([^<]+)</instanceId>");
        return (count, type) -> {
            List<String> ids = new ArrayList<>();
            while (ids.size() < count) {
                int batch = Math.min(100, count - ids.size());
                String form = "Action=RunInstances&Version=2016-11-15&ImageId=ami-12c6146b&InstanceType=" + type
                        + "&MinCount=" + batch + "&MaxCount=" + batch;
                try {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint)
                            .timeout(Duration.ofSeconds(60))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + account + "/20261126/" + region
                                    + "/ec2/aws4_request, SignedHeaders=host, Signature=0")
                            .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    Matcher found = id.matcher(response.body());
                    int before = ids.size();
                    while (found.find()) {
                        ids.add(found.group(1));
                    }
                    if (response.statusCode() != 200 || ids.size() == before) {
                        throw new IllegalStateException("RunInstances answered " + response.statusCode() + ": "
                                + response.body());
                    }
                } catch (IOException e) {
                    throw new IllegalStateException("RunInstances failed: " + e.getMessage(), e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            return ids;
        };
    }
}
