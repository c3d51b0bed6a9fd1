package io.berth.registry.distribution;

import io.berth.registry.TestImages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/** The registry API as a client speaks it, with Basic AWS:<password>: what docker does, by hand. */
final class RegistryClient {

    private final URI base;
    private final String authorization;
    /** HTTP/1.1, as docker and podman speak to a registry. */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    RegistryClient(URI base, String password) {
        this.base = base;
        this.authorization = password == null ? null : "Basic " + Base64.getEncoder().encodeToString(
                ("AWS:" + password).getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<byte[]> send(String method, String path, byte[] body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Uploads a blob as docker does: start, one PATCH per chunk with its Content-Range, then PUT ?digest=. */
    void upload(String repository, TestImages.Blob blob, int chunks) {
        HttpResponse<byte[]> started = send("POST", "/v2/" + repository + "/blobs/uploads/", null);
        check(started, 202);
        String location = started.headers().firstValue("Location").orElseThrow();
        byte[] content = blob.content();
        int step = Math.max(1, (content.length + chunks - 1) / chunks);
        for (int from = 0; from < content.length; from += step) {
            int to = Math.min(content.length, from + step);
            HttpResponse<byte[]> patched = send("PATCH", location, Arrays.copyOfRange(content, from, to),
                    "Content-Type", "application/octet-stream", "Content-Range", from + "-" + (to - 1));
            check(patched, 202);
            location = patched.headers().firstValue("Location").orElseThrow();
        }
        check(send("PUT", location + "?digest=" + blob.digest(), null), 201);
    }

    /** Pushes an image: its blobs (the config in one request), then its manifest under {@code reference}. */
    HttpResponse<byte[]> push(String repository, TestImages.Image image, String reference) {
        check(send("POST", "/v2/" + repository + "/blobs/uploads/?digest=" + image.config().digest(),
                image.config().content(), "Content-Type", "application/octet-stream"), 201);
        for (TestImages.Blob layer : image.layers()) {
            upload(repository, layer, 2);
        }
        return send("PUT", "/v2/" + repository + "/manifests/" + reference, image.manifest(), "Content-Type",
                "application/vnd.oci.image.manifest.v1+json");
    }

    static HttpResponse<byte[]> check(HttpResponse<byte[]> response, int status) {
        if (response.statusCode() != status) {
            throw new AssertionError(response.request().method() + " " + response.uri() + ": expected " + status
                    + ", got " + response.statusCode() + " " + new String(response.body(), StandardCharsets.UTF_8));
        }
        return response;
    }
}
