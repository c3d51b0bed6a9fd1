package io.berth.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the launcher does around a start (ADR 0062): how it asks for readiness, and what it leaves for ./berth. */
class BerthLocalStackTest {

    private final List<HttpServer> servers = new ArrayList<>();

    @AfterEach
    void stopServers() {
        servers.forEach(server -> server.stop(0));
    }

    @Test
    void readinessIsAskedOfEveryServiceAtOnce() throws Exception {
        // The slow service answers 200 only once the fast one has been asked: asked one after the other, it would
        // still be waiting, and answer 503.
        CountDownLatch fastAsked = new CountDownLatch(1);
        URI slow = serve(exchange -> {
            boolean together = await(fastAsked);
            exchange.sendResponseHeaders(together ? 200 : 503, -1);
        });
        URI fast = serve(exchange -> {
            fastAsked.countDown();
            exchange.sendResponseHeaders(200, -1);
        });
        List<URI> heard = new ArrayList<>();

        List<URI> ready = BerthLocalStack.readyNow(HttpClient.newHttpClient(), List.of(slow, fast), uri -> uri,
                heard::add);

        assertThat(ready).containsExactlyInAnyOrder(slow, fast);
        assertThat(heard).containsExactlyInAnyOrder(slow, fast);
    }

    @Test
    void onlyTheServicesThatAnswer200AreReady() throws Exception {
        URI starting = serve(exchange -> exchange.sendResponseHeaders(503, -1));
        URI up = serve(exchange -> exchange.sendResponseHeaders(200, -1));
        URI notListening;
        try (ServerSocket socket = new ServerSocket(0)) {
            notListening = URI.create("http://localhost:" + socket.getLocalPort() + "/q/health/ready");
        }

        assertThat(BerthLocalStack.readyNow(HttpClient.newHttpClient(), List.of(starting, up, notListening),
                uri -> uri, uri -> { })).containsExactly(up);
        assertThat(BerthLocalStack.isReady(HttpClient.newHttpClient(), notListening)).isFalse();
        assertThat(BerthLocalStack.isReady(HttpClient.newHttpClient(), up)).isTrue();
    }

    @Test
    void aStackThatCameUpLeavesTheMarkerThatKeepsItsClassDataArchive(@TempDir Path dir) throws IOException {
        Path marker = dir.resolve("berth-local-stack.jsa.kept");

        BerthLocalStack.keepTheClassDataArchive(marker.toString());

        assertThat(marker).exists();
        assertThat(Files.readString(marker)).isEqualTo(Long.toString(ProcessHandle.current().pid()));
    }

    @Test
    void withoutAMarkerNamedNothingIsWritten(@TempDir Path dir) throws IOException {
        BerthLocalStack.keepTheClassDataArchive(null);
        BerthLocalStack.keepTheClassDataArchive(" ");

        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    private interface Handler {
        void handle(com.sun.net.httpserver.HttpExchange exchange) throws IOException;
    }

    private URI serve(Handler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/q/health/ready", exchange -> {
            try (exchange) {
                handler.handle(exchange);
            }
        });
        server.start();
        servers.add(server);
        return URI.create("http://localhost:" + server.getAddress().getPort() + "/q/health/ready");
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(Duration.ofSeconds(4).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
