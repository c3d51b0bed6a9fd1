package io.berth.benchmarks.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An in-process server that answers the ECS JSON 1.1 protocol as a script says, counts the calls
 * per operation and remembers every request that broke the protocol. A reply with a delay is sent
 * later from another thread, so a stalled request holds no server thread.
 */
final class EcsStubServer implements AutoCloseable {

    /** What the server answers to one operation, after {@code delay}. */
    record Reply(int status, String body, Duration delay) {

        static Reply ok(String body) {
            return new Reply(200, body, Duration.ZERO);
        }

        static Reply error(String type) {
            return new Reply(400, "{\"__type\":\"" + type + "\",\"message\":\"Cluster not found.\"}", Duration.ZERO);
        }
    }

    private final HttpServer server;
    private final ExecutorService workers = Executors.newFixedThreadPool(4);
    private final Function<String, Reply> script;
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Set<String> authorizations = ConcurrentHashMap.newKeySet();
    private final Queue<String> violations = new ConcurrentLinkedQueue<>();

    /** Starts a server on a free local port that answers each operation with {@code script.apply(operation)}. */
    EcsStubServer(Function<String, Reply> script) throws IOException {
        this.script = script;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(workers);
        server.createContext("/", this::handle);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://localhost:" + server.getAddress().getPort());
    }

    int calls(String operation) {
        AtomicInteger count = calls.get(operation);
        return count == null ? 0 : count.get();
    }

    /** The Authorization headers seen, one per distinct value. */
    List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    /** A line for each request that was not a well-formed ECS JSON 1.1 call. */
    List<String> violations() {
        return List.copyOf(violations);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        check(exchange, target, body);
        String operation = target == null ? "" : target.substring(target.indexOf('.') + 1);
        calls.computeIfAbsent(operation, name -> new AtomicInteger()).incrementAndGet();
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization != null) {
            authorizations.add(authorization);
        }
        Reply reply = script.apply(operation);
        if (reply.delay().isZero()) {
            send(exchange, reply);
        } else {
            CompletableFuture.runAsync(() -> send(exchange, reply),
                    CompletableFuture.delayedExecutor(reply.delay().toNanos(), TimeUnit.NANOSECONDS, workers));
        }
    }

    private void check(HttpExchange exchange, String target, String body) {
        if (!"POST".equals(exchange.getRequestMethod()) || !"/".equals(exchange.getRequestURI().getPath())) {
            violations.add("not POST /: " + exchange.getRequestMethod() + " " + exchange.getRequestURI());
        }
        if (target == null || !target.startsWith(HttpTransport.TARGET_PREFIX)) {
            violations.add("X-Amz-Target: " + target);
        }
        if (!HttpTransport.CONTENT_TYPE.equals(exchange.getRequestHeaders().getFirst("Content-Type"))) {
            violations.add("Content-Type: " + exchange.getRequestHeaders().getFirst("Content-Type"));
        }
        try {
            JsonNode json = Json.MAPPER.readTree(body);
            if (json == null || !json.isObject()) {
                violations.add("body is not a JSON object: " + body);
            }
        } catch (IOException e) {
            violations.add("body is not JSON: " + body);
        }
    }

    private static void send(HttpExchange exchange, Reply reply) {
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        try (exchange) {
            exchange.getResponseHeaders().set("Content-Type", HttpTransport.CONTENT_TYPE);
            exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
