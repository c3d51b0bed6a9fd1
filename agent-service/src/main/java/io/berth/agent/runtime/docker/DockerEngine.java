package io.berth.agent.runtime.docker;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The part of the Docker Engine API a node agent needs (images, containers, exec, logs, volumes), typed, over the
 * engine's socket. Works with Docker and with Podman's Docker-compatible service: every path carries API version
 * {@value #API}, which both serve. Errors come back as {@link EngineException} with the engine's status and message.
 * Thread-safe; calls that stream (events, a followed log) hold one of the pooled connections while they do.
 */
public final class DockerEngine implements AutoCloseable {

    /** The Engine API version of every call: Docker 20.10+ and Podman's compatibility layer serve it. */
    public static final String API = "v1.41";
    /** Where Docker listens unless {@code DOCKER_HOST} says otherwise. */
    public static final String DEFAULT_HOST = "unix:///var/run/docker.sock";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int STDERR = 2;

    private final URI host;
    private final DockerHttpClient http;
    private volatile EngineRegistries registries;

    public DockerEngine(URI host, int maxConnections) {
        this.host = host;
        this.http = new ZerodepDockerHttpClient.Builder().dockerHost(host).maxConnections(maxConnections)
                .connectionTimeout(Duration.ofSeconds(5)).build();
    }

    public URI host() {
        return host;
    }

    /** The engine's {@code /version} answer; throws when it does not answer. */
    public JsonNode version() {
        return json("GET", "/version", null);
    }

    // --- images ----------------------------------------------------------------------------------

    /**
     * Pulls an image; {@code registryAuth} is the {@code X-Registry-Auth} document or null. The engine streams its
     * progress and reports a failure inside a 200 stream as much as with a status, so the stream is read to its end.
     */
    public void pull(String image, ObjectNode registryAuth) {
        ImageReference reference = ImageReference.parse(image);
        String path = "/images/create?fromImage=" + encode(reference.repository()) + "&tag="
                + encode(reference.tagOrDigest());
        Map<String, String> headers = Map.of();
        if (registryAuth != null) {
            // An image that names no registry is Docker Hub's, which no registries.conf of Berth's rewrites.
            EngineRegistries rewrites = reference.registry() == null ? EngineRegistries.NONE : registries();
            headers = Map.of("X-Registry-Auth", Base64.getUrlEncoder().encodeToString(
                    registryAuth(rewrites, reference, registryAuth).toString().getBytes(StandardCharsets.UTF_8)));
        }
        try (DockerHttpClient.Response response = call("POST", path, null, headers)) {
            check(response);
            try (var lines = JSON.readerFor(JsonNode.class).<JsonNode>readValues(response.getBody())) {
                while (lines.hasNextValue()) {
                    JsonNode line = lines.nextValue();
                    if (line.hasNonNull("error")) {
                        throw new EngineException(500, line.path("error").asText());
                    }
                }
            }
        } catch (IOException e) {
            throw new EngineException("reading the pull of " + image + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Podman never hands credentials given for one registry to the location or mirrors its {@code registries.conf}
     * sends that registry to (containers/image keeps them from other hosts), but it also takes
     * {@code X-Registry-Auth} as a map of credentials by registry: for a rewritten registry they go so, under the
     * registry and each endpoint. Docker, which rewrites nothing, gets them as they are.
     */
    static ObjectNode registryAuth(EngineRegistries registries, ImageReference reference, ObjectNode auth) {
        List<String> endpoints = registries.endpointsFor(reference.repository());
        if (endpoints.isEmpty()) {
            return auth;
        }
        ObjectNode byRegistry = JSON.createObjectNode();
        byRegistry.set(reference.registry(), auth);
        endpoints.forEach(endpoint -> byRegistry.set(endpoint, auth));
        return byRegistry;
    }

    /**
     * Where the engine sends each registry, asked once: Podman lists its {@code registries.conf} in
     * {@code /libpod/info}; Docker has no such path, and rewrites nothing.
     */
    public EngineRegistries registries() {
        EngineRegistries known = registries;
        if (known == null) {
            try (DockerHttpClient.Response response = call("GET", "/libpod/info", null, Map.of())) {
                if (response.getStatusCode() == 404) {
                    known = EngineRegistries.NONE;
                } else {
                    check(response);
                    known = EngineRegistries.fromPodmanInfo(JSON.readTree(response.getBody()).path("registries"));
                }
            } catch (IOException e) {
                throw new EngineException("reading the engine's registries failed: " + e.getMessage(), e);
            }
            registries = known;
        }
        return known;
    }

    /** Imports a root filesystem tar as an image named {@code repository:tag}. */
    public void importImage(InputStream rootfsTar, String repository, String tag) {
        try (DockerHttpClient.Response response = call("POST", "/images/create?fromSrc=-&repo=" + encode(repository)
                + "&tag=" + encode(tag), rootfsTar, Map.of("Content-Type", "application/x-tar"))) {
            check(response);
            drain(response);
        }
    }

    // --- containers ------------------------------------------------------------------------------

    /** Creates a container and returns its id; 404 when the image is missing, 409 when the name is taken. */
    public String create(String name, ObjectNode body) {
        return json("POST", "/containers/create?name=" + encode(name), body).path("Id").asText();
    }

    public void start(String id) {
        // 304: already started, which is what was asked.
        callExpecting("POST", "/containers/" + id + "/start", 304);
    }

    /** The stop signal now, SIGKILL after {@code timeoutSeconds}; returns once the container is down. */
    public void stop(String id, int timeoutSeconds) {
        callExpecting("POST", "/containers/" + id + "/stop?t=" + timeoutSeconds, 304);
    }

    public void kill(String id, String signal) {
        callExpecting("POST", "/containers/" + id + "/kill?signal=" + signal, 409);
    }

    /** Removes a container with its anonymous volumes, running or not; an unknown one is already gone. */
    public void remove(String id) {
        callExpecting("DELETE", "/containers/" + id + "?force=true&v=true", 404);
    }

    public JsonNode inspect(String id) {
        return json("GET", "/containers/" + id + "/json", null);
    }

    /** The container's resource usage now, as {@code docker stats} reads it once. */
    public JsonNode stats(String id) {
        return json("GET", "/containers/" + id + "/stats?stream=false", null);
    }

    /** Containers, running or not, that carry this label with this value. */
    public List<JsonNode> containersLabelled(String label, String value) {
        String filters = JSON.createObjectNode().set("label",
                JSON.createArrayNode().add(label + "=" + value)).toString();
        List<JsonNode> containers = new ArrayList<>();
        json("GET", "/containers/json?all=true&filters=" + encode(filters), null).forEach(containers::add);
        return containers;
    }

    /** What the container wrote so far: stdout and stderr, each in order. */
    public Output logs(String id) {
        try (DockerHttpClient.Response response = call("GET", "/containers/" + id + "/logs?stdout=true&stderr=true",
                null, Map.of())) {
            check(response);
            return demultiplex(response.getBody());
        }
    }

    /** Receives the frames of a followed container's output as they come. */
    @FunctionalInterface
    public interface OutputSink {

        void accept(boolean stderr, byte[] payload);
    }

    /**
     * Follows a container's output from {@code sinceSeconds} (epoch seconds with a fraction; 0 for all of it), each
     * line prefixed with the engine's RFC 3339 timestamp and a space, until the container stops (at once for one that
     * is not running). Blocks the calling thread, holding one connection, for as long.
     */
    public void follow(String id, String sinceSeconds, OutputSink sink) {
        try (DockerHttpClient.Response response = call("GET", "/containers/" + id
                + "/logs?stdout=true&stderr=true&follow=true&timestamps=true&since=" + sinceSeconds, null, Map.of())) {
            check(response);
            DataInputStream in = new DataInputStream(response.getBody());
            byte[] header = new byte[8];
            while (true) {
                try {
                    in.readFully(header);
                } catch (EOFException e) {
                    return;
                }
                int size = ((header[4] & 0xff) << 24) | ((header[5] & 0xff) << 16) | ((header[6] & 0xff) << 8)
                        | (header[7] & 0xff);
                sink.accept(header[0] == STDERR, in.readNBytes(size));
            }
        } catch (IOException e) {
            throw new EngineException("following the output of " + id + " failed: " + e.getMessage(), e);
        }
    }

    // --- events ----------------------------------------------------------------------------------

    /**
     * Opens the engine's events stream: the events since {@code sinceSeconds} (epoch seconds with a fraction) first,
     * then each as it happens, those that {@code filters} (the Engine API's map of filter names to accepted values)
     * let through. The call returns once the engine has answered; the stream holds one connection until it is closed
     * or the engine ends it. Watching every container through one stream costs the engine next to nothing, where a
     * wait per container keeps Podman polling (ADR 0053).
     */
    public EventStream events(String sinceSeconds, Map<String, List<String>> filters) {
        String path = "/events?since=" + sinceSeconds + "&filters=" + encode(JSON.valueToTree(filters).toString());
        DockerHttpClient.Response response = call("GET", path, null, Map.of());
        try {
            check(response);
            // A parser, not a MappingIterator: that reads the first token at once, so opening a stream of an
            // engine with nothing to say would wait for its next event instead of returning when it answered.
            return new EventStream(response, JSON.getFactory().createParser(response.getBody()));
        } catch (IOException | RuntimeException e) {
            response.close();
            throw e instanceof EngineException engineException ? engineException
                    : new EngineException("opening the engine's events failed: " + e.getMessage(), e);
        }
    }

    /** An open events stream. {@link #close()} may come from any thread, and ends a {@link #next()} waiting. */
    public static final class EventStream implements AutoCloseable {

        private final DockerHttpClient.Response response;
        private final JsonParser events;

        private EventStream(DockerHttpClient.Response response, JsonParser events) {
            this.response = response;
            this.events = events;
        }

        /** The next event, waiting for it; null once the engine ended the stream. */
        public JsonNode next() {
            try {
                return events.nextToken() == null ? null : JSON.readTree(events);
            } catch (IOException e) {
                throw new EngineException("reading the engine's events failed: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            response.close();
        }
    }

    // --- exec ------------------------------------------------------------------------------------

    /** Runs a command in a running container and waits for it: its exit code and its output. */
    public ExecResult exec(String id, List<String> argv) {
        ObjectNode create = JSON.createObjectNode().put("AttachStdout", true).put("AttachStderr", true);
        argv.forEach(create.putArray("Cmd")::add);
        String exec = json("POST", "/containers/" + id + "/exec", create).path("Id").asText();
        Output output;
        try (DockerHttpClient.Response response = call("POST", "/exec/" + exec + "/start",
                JSON.createObjectNode().put("Detach", false).put("Tty", false), Map.of())) {
            check(response);
            output = demultiplex(response.getBody());
        }
        JsonNode state = json("GET", "/exec/" + exec + "/json", null);
        return new ExecResult(state.path("ExitCode").asInt(-1), output.stdout() + output.stderr());
    }

    // --- volumes ---------------------------------------------------------------------------------

    public boolean volumeExists(String name) {
        try (DockerHttpClient.Response response = call("GET", "/volumes/" + encodePath(name), null, Map.of())) {
            if (response.getStatusCode() == 404) {
                return false;
            }
            check(response);
            return true;
        }
    }

    public void createVolume(String name, String driver, Map<String, String> driverOpts, Map<String, String> labels) {
        ObjectNode body = JSON.createObjectNode().put("Name", name).put("Driver", driver);
        body.set("DriverOpts", JSON.valueToTree(driverOpts));
        body.set("Labels", JSON.valueToTree(labels));
        json("POST", "/volumes/create", body);
    }

    /** Removes a volume; one already gone is fine. */
    public void removeVolume(String name) {
        callExpecting("DELETE", "/volumes/" + encodePath(name), 404);
    }

    @Override
    public void close() {
        try {
            http.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A container's output, split into its two streams. */
    public record Output(String stdout, String stderr) {
    }

    public record ExecResult(int exitCode, String output) {
    }

    // --- plumbing --------------------------------------------------------------------------------

    private JsonNode json(String method, String path, Object body) {
        try (DockerHttpClient.Response response = call(method, path, body, Map.of())) {
            check(response);
            byte[] bytes = response.getBody().readAllBytes();
            return bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
        } catch (IOException e) {
            throw new EngineException("reading the engine's answer to " + method + " " + path + " failed", e);
        }
    }

    /** A call with no answer body to read; {@code alsoFine} is a status that means "already so". */
    private void callExpecting(String method, String path, int alsoFine) {
        try (DockerHttpClient.Response response = call(method, path, null, Map.of())) {
            if (response.getStatusCode() != alsoFine) {
                check(response);
            }
            drain(response);
        }
    }

    private DockerHttpClient.Response call(String method, String path, Object body, Map<String, String> headers) {
        DockerHttpClient.Request.Builder request = DockerHttpClient.Request.builder().method(method)
                .path("/" + API + path).putAllHeaders(headers);
        if (body instanceof InputStream stream) {
            request.body(stream);
        } else if (body != null) {
            try {
                request.putHeader("Content-Type", "application/json").bodyBytes(JSON.writeValueAsBytes(body));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(e);
            }
        }
        try {
            return http.execute(request.build());
        } catch (RuntimeException e) {
            throw new EngineException("the Docker engine at " + host + " did not answer " + method + " " + path
                    + ": " + rootMessage(e), e);
        }
    }

    private static void check(DockerHttpClient.Response response) {
        int status = response.getStatusCode();
        if (status >= 200 && status < 300) {
            return;
        }
        String message;
        try {
            byte[] body = response.getBody().readAllBytes();
            JsonNode error = JSON.readTree(body);
            message = error != null && error.hasNonNull("message") ? error.path("message").asText()
                    : new String(body, StandardCharsets.UTF_8);
        } catch (IOException e) {
            message = "HTTP " + status;
        }
        throw new EngineException(status, message);
    }

    private static void drain(DockerHttpClient.Response response) {
        try {
            response.getBody().transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            // The call's status already said how it went; what follows is progress text.
        }
    }

    /**
     * The attach/logs stream without a TTY: frames of an 8-byte header (stream type, three zero bytes, the payload
     * size as a big-endian int) and the payload.
     */
    static Output demultiplex(InputStream body) {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        DataInputStream in = new DataInputStream(body);
        byte[] header = new byte[8];
        try {
            while (true) {
                try {
                    in.readFully(header);
                } catch (EOFException e) {
                    break;
                }
                int size = ((header[4] & 0xff) << 24) | ((header[5] & 0xff) << 16) | ((header[6] & 0xff) << 8)
                        | (header[7] & 0xff);
                byte[] payload = in.readNBytes(size);
                (header[0] == STDERR ? stderr : stdout).write(payload);
            }
        } catch (IOException e) {
            throw new EngineException("reading a container's output failed: " + e.getMessage(), e);
        }
        return new Output(stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Image and volume names go into the path: slashes stay, as the engine's router expects them. */
    private static String encodePath(String value) {
        return encode(value).replace("%2F", "/").replace("%3A", ":");
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return Optional.ofNullable(root.getMessage()).orElse(root.getClass().getSimpleName());
    }
}
