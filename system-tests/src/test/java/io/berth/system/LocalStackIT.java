package io.berth.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's run command, as a user runs it: {@code ./berth up} brings every service to ready,
 * a {@code kill -9} of everything it started loses no data, and {@code ./berth down} stops it all.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@org.junit.jupiter.api.Order(1)
class LocalStackIT {

    static final List<String> SERVICES = List.of("cluster-service", "scheduler-service", "agent-service",
            "scaling-service", "registry-service", "logs-service", "api-gateway");
    static final List<Integer> PORTS = List.of(8081, 8082, 8083, 8084, 8085, 8086, 8080);
    static final String MARKER = "marker-" + UUID.randomUUID();
    /** The default account of other emulators (moto's), so that suites written for them run unchanged. */
    static final java.util.Map<String, String> SETTINGS = java.util.Map.of("BERTH_DEFAULT_ACCOUNT", "123456789012");

    /**
     * The stack's {@code BERTH_HOME} (its databases, broker, logs: ~190 MB), which JUnit removes once the class is
     * done, after {@link #stopTheStack()}, whether its tests passed or not.
     */
    @TempDir
    static Path home;

    static RunningStack stack;

    @BeforeAll
    static void startTheStack() throws IOException {
        stack = RunningStack.start(home, SETTINGS);
    }

    @AfterAll
    static void stopTheStack() throws Exception {
        if (stack != null) {
            try {
                stack.down();
            } finally {
                stack.forceCleanUp();
            }
        }
    }

    @Test
    @Order(1)
    void upBringsEveryServiceToReadyAndSaysSo() throws Exception {
        stack.awaitUp();
        for (int port : PORTS) {
            assertThat(readiness(port)).as("readiness of port %d", port).isEqualTo(200);
        }
        assertThat(stack.output()).contains("http://localhost:8080").contains("aws ecs list-clusters");
        // Unsigned requests and access keys that are not 12 digits act in the configured default account.
        assertThat(ecs("CreateCluster", "{\"clusterName\":\"defaults\"}").body())
                .contains("arn:aws:ecs:us-east-1:123456789012:cluster/defaults");
        for (String service : SERVICES) {
            assertThat(stack.output()).as("log prefix of %s", service).containsPattern("(?m)^" + service + " +\\| ");
            assertThat(stack.home().resolve("logs/" + service + ".log")).isNotEmptyFile();
        }
    }

    @Test
    @Order(2)
    void aSecondUpRefusesWhileTheStackRuns() throws Exception {
        RunningStack second = RunningStack.start(stack.home());
        assertThat(second.waitForExit(Duration.ofSeconds(60))).isEqualTo(1);
        assertThat(second.output()).contains("already running");
    }

    @Test
    @Order(3)
    void killMinusNineOfTheWholeStackLosesNoData() throws Exception {
        try (Connection c = clusterDatabase(); Statement s = c.createStatement()) {
            s.execute("create table if not exists it_marker (value text)");
            s.execute("insert into it_marker values ('" + MARKER + "')");
        }
        assertThat(ecs("CreateCluster", "{\"clusterName\":\"survivor\"}").statusCode()).isEqualTo(200);

        stack.killEverythingHard();
        for (int port : PORTS) {
            assertThat(readiness(port)).as("port %d after kill -9", port).isEqualTo(-1);
        }

        stack = RunningStack.start(stack.home(), SETTINGS);
        stack.awaitUp();
        try (Connection c = clusterDatabase(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select value from it_marker")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(MARKER);
        }
        HttpResponse<String> described = ecs("DescribeClusters", "{\"clusters\":[\"survivor\"]}");
        assertThat(described.statusCode()).isEqualTo(200);
        assertThat(described.body()).contains("\"clusterName\":\"survivor\"").contains("\"status\":\"ACTIVE\"")
                .contains("arn:aws:ecs:us-east-1:123456789012:cluster/survivor");
    }

    /** An ECS call through the gateway, as the AWS CLI sends it (unsigned: the default account). */
    static HttpResponse<String> ecs(String operation, String body) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:8080/"))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "AmazonEC2ContainerServiceV20141113." + operation)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @Order(4)
    void downStopsEverything() throws Exception {
        stack.down();
        for (int port : PORTS) {
            assertThat(readiness(port)).as("port %d after down", port).isEqualTo(-1);
        }
        assertThat(stack.allProcesses()).noneMatch(ProcessHandle::isAlive);
        // Every service stopped by itself, none killed when the launcher's wait ran out, and what each said while it
        // stopped reached its log, down to Quarkus' last line (ADR 0062).
        assertThat(stack.output()).contains("Berth stopped.").doesNotContain("did not stop within")
                .doesNotContain("output lost");
        for (String service : SERVICES) {
            assertThat(Files.readString(stack.home().resolve("logs/" + service + ".log")))
                    .as("the log of %s", service).contains("berth-" + service + " stopped in");
        }
        // The launcher's class data archive is one of a whole start (ADR 0062): the up that found the stack
        // running wrote a partial one as it exited, which ./berth threw away, and left nothing else behind.
        Path archive = repoRoot().resolve("local-stack/target/berth-local-stack.jsa");
        assertThat(archive).exists();
        assertThat(Files.size(archive)).as("size of %s", archive).isGreaterThan(10L << 20);
        try (var files = Files.list(archive.getParent())) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .noneMatch(name -> name.startsWith("berth-local-stack.jsa."));
        }
        // Each service's own class data archive (ADR 0067) is one of a whole start too: after a build the first up was
        // killed and wrote none, the second wrote them as the services stopped, and the launcher kept each in its place.
        for (String service : SERVICES) {
            Path own = repoRoot().resolve(service + "/target/quarkus-app/berth-service.jsa");
            assertThat(own).exists();
            assertThat(Files.size(own)).as("size of %s", own).isGreaterThan(10L << 20);
            assertThat(own.resolveSibling("berth-service.jsa.new")).doesNotExist();
        }
        stack = null;
    }

    static Connection clusterDatabase() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:5432/berth_cluster", "postgres", "");
    }

    /** The readiness status code of the service on {@code port}; -1 when nothing answers. */
    static int readiness(int port) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    static Path repoRoot() {
        return Path.of(System.getProperty("berth.repo.root", "..")).toAbsolutePath().normalize();
    }
}
