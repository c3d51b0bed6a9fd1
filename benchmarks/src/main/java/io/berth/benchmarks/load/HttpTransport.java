package io.berth.benchmarks.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The ECS JSON 1.1 protocol over {@link HttpClient}: {@code POST} to the endpoint with the
 * operation in {@code X-Amz-Target} and an {@code Authorization} header whose credential scope
 * names the caller's account and region, which is all a Berth gateway reads of a signature.
 */
final class HttpTransport implements Transport {

    static final String TARGET_PREFIX = "AmazonEC2ContainerServiceV20141113.";
    static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    /** As long as the latency histograms reach; a slower answer counts as a transport error. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client;
    private final URI endpoint;
    private final String authorization;

    private HttpTransport(HttpClient client, URI endpoint, String authorization) {
        this.client = client;
        this.endpoint = endpoint;
        this.authorization = authorization;
    }

    static HttpTransport create(URI endpoint, String account, String region) {
        // HTTP/1.1 on purpose: the default would try an h2c upgrade on every new connection.
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .build();
        return new HttpTransport(client, endpoint, authorization(account, region));
    }

    /** A SigV4-shaped header with a fixed date and no real signature; the gateway scopes by its credential. */
    static String authorization(String account, String region) {
        return "AWS4-HMAC-SHA256 Credential=" + account + "/20261126/" + region + "/ecs/aws4_request, "
                + "SignedHeaders=host, Signature=0";
    }

    @Override
    public CompletableFuture<EcsResponse> send(EcsRequest request) {
        HttpRequest http = HttpRequest.newBuilder(endpoint)
                .timeout(REQUEST_TIMEOUT)
                .header("X-Amz-Target", TARGET_PREFIX + request.operation())
                .header("Content-Type", CONTENT_TYPE)
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString(request.body()))
                .build();
        return client.sendAsync(http, HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> new EcsResponse(response.statusCode(), response.body()));
    }
}
