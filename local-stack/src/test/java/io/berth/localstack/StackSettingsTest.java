package io.berth.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class StackSettingsTest {

    static final Path REPO = Path.of("/srv/berth");
    static final Path SHARED_PROPERTIES = Path.of("..", "eventstore",
            "src/main/resources/META-INF/microprofile-config.properties");

    @Test
    void withoutExternalSettingsEverythingIsEmbeddedUnderDotBerth() {
        StackSettings settings = StackSettings.from(Map.of(), REPO);
        assertThat(settings.home()).isEqualTo(REPO.resolve(".berth"));
        assertThat(settings.externalKafka()).isNull();
        assertThat(settings.externalDbUrl()).isNull();
        assertThat(settings.jdbcUrl("berth_cluster")).isEqualTo("jdbc:postgresql://localhost:5432/berth_cluster");
        assertThat(settings.kafkaPort()).isEqualTo(9092);
        assertThat(settings.serviceJavaOptions()).isEqualTo(StackSettings.DEFAULT_JAVA_OPTIONS);
    }

    @Test
    void theServicesCompileWithC1OnlyUnlessTheLaunchersEnvironmentSaysOtherwise() {
        // ADR 0052: C1 only took the restart from 32.6 s to 20.7 s at the same throughput.
        assertThat(StackSettings.from(Map.of(), REPO).serviceJavaOptions().split(" "))
                .contains("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx192m");
        assertThat(StackSettings.from(Map.of("BERTH_JAVA_OPTS", "-Xmx1g"), REPO).serviceJavaOptions())
                .isEqualTo("-Xmx1g");
    }

    @Test
    void aDefaultFlagTheJvmDoesNotKnowIsLeftOutAndTheEnvironmentsOptionsArePassedAsTheyAre() {
        // This JDK knows every default flag (the services start with all of them here).
        assertThat(StackSettings.DEFAULT_JAVA_OPTIONS.split(" ")).allSatisfy(option -> {
            if (option.startsWith("-XX:")) {
                assertThat(StackSettings.vmKnows(option.replaceFirst("^-XX:[+-]?", "").replaceFirst("=.*$", "")))
                        .as(option).isTrue();
            }
        });
        assertThat(StackSettings.vmKnows("NoSuchFlagInAnyJvm")).isFalse();
        // An older JDK 17 without the native heap's trim: that flag goes, everything else stays in its order.
        assertThat(StackSettings.knownTo(flag -> !flag.equals("TrimNativeHeapInterval"),
                "-XX:+UseSerialGC -Xmx192m -XX:TrimNativeHeapInterval=1000 -XX:-UseCompressedOops -XX:MaxNewSize=12m"))
                .isEqualTo("-XX:+UseSerialGC -Xmx192m -XX:-UseCompressedOops -XX:MaxNewSize=12m");
        assertThat(StackSettings.from(Map.of("BERTH_JAVA_OPTS", "-XX:NoSuchFlagInAnyJvm=1"), REPO).serviceJavaOptions())
                .isEqualTo("-XX:NoSuchFlagInAnyJvm=1");
    }

    @Test
    void eachServiceGetsItsOwnFlagsAfterTheCommonOnesAndTheEnvironmentReplacesThem() {
        StackSettings defaults = StackSettings.from(Map.of(), REPO);
        for (ServiceSpec spec : ServiceSpec.ALL) {
            String own = StackSettings.knownTo(StackSettings::vmKnows,
                    StackSettings.SERVICE_JAVA_OPTIONS.getOrDefault(spec.name(), ""));
            assertThat(String.join(" ", defaults.javaOptionsOf(spec.name())))
                    .as(spec.name()).isEqualTo((StackSettings.DEFAULT_JAVA_OPTIONS + " " + own).trim());
        }
        assertThat(StackSettings.ownJavaOptionsKey("scheduler-service")).isEqualTo("BERTH_JAVA_OPTS_SCHEDULER_SERVICE");
        assertThat(StackSettings.ownJavaOptionsKey("api-gateway")).isEqualTo("BERTH_JAVA_OPTS_API_GATEWAY");

        StackSettings given = StackSettings.from(Map.of("BERTH_JAVA_OPTS", "-Xmx1g  -XX:+UseSerialGC",
                "BERTH_JAVA_OPTS_SCHEDULER_SERVICE", " -Xmn40m ", "BERTH_JAVA_OPTS_NO_SUCH_SERVICE", "-Xmn1m"), REPO);
        // BERTH_JAVA_OPTS replaces the defaults, the services' own among them; a service's own key is passed as it is.
        assertThat(given.javaOptionsOf("scheduler-service")).containsExactly("-Xmx1g", "-XX:+UseSerialGC", "-Xmn40m");
        assertThat(given.javaOptionsOf("api-gateway")).containsExactly("-Xmx1g", "-XX:+UseSerialGC");
        assertThat(given.ownJavaOptions()).containsOnlyKeys("scheduler-service");
    }

    @Test
    void theServicesHaveClassDataArchivesUnlessBerthServiceCdsIsZero() {
        // ADR 0067: the services' own archives took a restart from 21.5 s to 15.4 s.
        assertThat(StackSettings.from(Map.of(), REPO).serviceArchives()).isTrue();
        assertThat(StackSettings.from(Map.of("BERTH_SERVICE_CDS", "1"), REPO).serviceArchives()).isTrue();
        assertThat(StackSettings.from(Map.of("BERTH_SERVICE_CDS", "0"), REPO).serviceArchives()).isFalse();
    }

    @Test
    void theFootprintSettingsHaveDefaultsTheLaunchersEnvironmentOverrides() {
        assertThat(StackSettings.footprintEnvironment(Map.of()))
                .containsExactlyInAnyOrderEntriesOf(Map.of("MALLOC_ARENA_MAX", "2", "QUARKUS_THREAD_POOL_MAX_THREADS", "64"));
        assertThat(StackSettings.footprintEnvironment(Map.of("MALLOC_ARENA_MAX", "4", "PATH", "/bin")))
                .containsEntry("MALLOC_ARENA_MAX", "4").containsEntry("QUARKUS_THREAD_POOL_MAX_THREADS", "64")
                .doesNotContainKey("PATH");
    }

    @Test
    void anExternalServerGivesEachServiceItsOwnDatabaseKeepingTheParameters() {
        StackSettings settings = StackSettings.from(Map.of(
                "BERTH_DB_URL", "jdbc:postgresql://db.internal:6432/postgres?sslmode=require",
                "KAFKA_BOOTSTRAP_SERVERS", "kafka-0:9092,kafka-1:9092",
                "BERTH_DB_USERNAME", "berth"), REPO);
        assertThat(settings.jdbcUrl("berth_scheduler"))
                .isEqualTo("jdbc:postgresql://db.internal:6432/berth_scheduler?sslmode=require");
        assertThat(settings.externalKafka()).isEqualTo("kafka-0:9092,kafka-1:9092");
        assertThat(settings.dbUser()).isEqualTo("berth");
    }

    @Test
    void portsAndHomeAreConfigurableAndChecked() {
        StackSettings settings = StackSettings.from(Map.of("BERTH_HOME", "/tmp/b", "BERTH_DB_PORT", "15432",
                "BERTH_KAFKA_PORT", "19092"), REPO);
        assertThat(settings.home()).isEqualTo(Path.of("/tmp/b"));
        assertThat(settings.pidFile()).isEqualTo(Path.of("/tmp/b/stack.pid"));
        assertThat(settings.jdbcUrl("x")).isEqualTo("jdbc:postgresql://localhost:15432/x");
        assertThatThrownBy(() -> StackSettings.from(Map.of("BERTH_KAFKA_PORT", "ninety"), REPO))
                .hasMessage("BERTH_KAFKA_PORT must be a number, not 'ninety'");
    }

    @Test
    void atOffsetZeroEveryPortSettingIsTheOneTheServicesPropertiesHaveAnyway() throws IOException {
        StackSettings settings = StackSettings.from(Map.of(), REPO);
        assertThat(settings.portOffset()).isZero();
        assertThat(List.of(settings.kafkaPort(), settings.kafkaControllerPort(), settings.dbPort()))
                .containsExactly(9092, 9093, 5432);
        assertThat(settings.endpoint()).isEqualTo("http://localhost:8080");
        assertThat(settings.registryLocation()).isEqualTo("localhost:8085");
        for (ServiceSpec spec : ServiceSpec.ALL) {
            Map<String, String> given = settings.portEnvironment(spec, Map.of());
            Map<String, String> defaults = propertyDefaults(spec);
            assertThat(given.get("QUARKUS_HTTP_PORT")).as(spec.name()).isEqualTo(defaults.get("quarkus.http.port"));
            // Every key the service's properties read with a default gets that default, whatever the service.
            given.forEach((key, value) -> {
                if (defaults.containsKey(key)) {
                    assertThat(value).as(spec.name() + " " + key).isEqualTo(defaults.get(key));
                }
            });
        }
        // A service started alone finds the stack's broker: its default (the shared properties) is the stack's port.
        for (ServiceSpec spec : ServiceSpec.ALL) {
            assertThat(propertyDefaults(spec)).as(spec.name())
                    .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "localhost:" + settings.kafkaPort());
        }
        // The agent-service reads both endpoints: the test above would pass vacuously if it read neither.
        assertThat(propertyDefaults(ServiceSpec.named("agent-service")))
                .containsKeys("BERTH_AGENT_POLL_ENDPOINT", "BERTH_LOGS_ENDPOINT", "BERTH_CLUSTER_SERVICE_URL");
    }

    @Test
    void twoStacksAtOffsetsZeroAndOneHundredShareNoPort() {
        Set<Integer> first = portsOf(StackSettings.from(Map.of(), REPO));
        Set<Integer> second = portsOf(StackSettings.from(Map.of("BERTH_PORT_OFFSET", "100"), REPO));
        assertThat(first).hasSize(ServiceSpec.ALL.size() + 3);
        assertThat(second).hasSize(first.size()).doesNotContainAnyElementsOf(first)
                .containsAll(first.stream().map(port -> port + 100).toList());
        StackSettings shifted = StackSettings.from(Map.of("BERTH_PORT_OFFSET", "100"), REPO);
        assertThat(shifted.jdbcUrl("berth_cluster")).isEqualTo("jdbc:postgresql://localhost:5532/berth_cluster");
        assertThat(shifted.portEnvironment(ServiceSpec.named("agent-service"), Map.of()))
                .containsEntry("QUARKUS_HTTP_PORT", "8183")
                .containsEntry("BERTH_AGENT_POLL_ENDPOINT", "http://localhost:8180/")
                .containsEntry("BERTH_LOGS_ENDPOINT", "http://localhost:8180")
                .containsEntry("BERTH_REGISTRY_SERVICE_URL", "http://localhost:8185");
    }

    @Test
    void anOffsetMovesOnlyWhatTheEnvironmentDoesNotSetItself() {
        StackSettings settings = StackSettings.from(Map.of("BERTH_PORT_OFFSET", "100", "BERTH_KAFKA_PORT", "19092"),
                REPO);
        assertThat(settings.kafkaPort()).isEqualTo(19092);
        assertThat(settings.kafkaControllerPort()).isEqualTo(9193);
        assertThat(settings.portEnvironment(ServiceSpec.named("agent-service"),
                Map.of("BERTH_LOGS_ENDPOINT", "http://logs.internal")))
                .doesNotContainKey("BERTH_LOGS_ENDPOINT").containsKey("BERTH_AGENT_POLL_ENDPOINT");
    }

    @Test
    void anOffsetThatIsNotAPortShiftIsRefused() {
        assertThatThrownBy(() -> StackSettings.from(Map.of("BERTH_PORT_OFFSET", "-1"), REPO))
                .hasMessage("BERTH_PORT_OFFSET must be between 0 and 56442, not -1");
        assertThatThrownBy(() -> StackSettings.from(Map.of("BERTH_PORT_OFFSET", "56443"), REPO))
                .hasMessage("BERTH_PORT_OFFSET must be between 0 and 56442, not 56443");
        assertThatThrownBy(() -> StackSettings.from(Map.of("BERTH_PORT_OFFSET", "a hundred"), REPO))
                .hasMessage("BERTH_PORT_OFFSET must be a number, not 'a hundred'");
        assertThat(StackSettings.from(Map.of("BERTH_PORT_OFFSET", "56442"), REPO).kafkaControllerPort())
                .isEqualTo(65535);
    }

    /** Every port a stack opens or hands its services, from its settings and the URLs it gives them. */
    private static Set<Integer> portsOf(StackSettings settings) {
        Set<Integer> ports = new HashSet<>(List.of(settings.kafkaPort(), settings.kafkaControllerPort(),
                settings.dbPort()));
        for (ServiceSpec spec : ServiceSpec.ALL) {
            ports.add(settings.portOf(spec));
            settings.portEnvironment(spec, Map.of()).values().forEach(value -> {
                Matcher port = Pattern.compile(":(\\d+)").matcher(value);
                ports.add(Integer.parseInt(port.find() ? port.group(1) : value));
            });
        }
        return ports;
    }

    /** A service's {@code quarkus.http.port} and the default of each {@code ${KEY:default}} its properties read. */
    private static Map<String, String> propertyDefaults(ServiceSpec spec) throws IOException {
        Map<String, String> defaults = new HashMap<>();
        Pattern placeholder = Pattern.compile("\\$\\{([A-Z0-9_]+):([^}]*)}");
        // The keys every service shares (the broker's address) first, then the service's own, which override them.
        List<String> lines = new ArrayList<>(Files.readAllLines(SHARED_PROPERTIES));
        lines.addAll(Files.readAllLines(Path.of("..", spec.name(), "src/main/resources/application.properties")));
        for (String line : lines) {
            if (line.startsWith("quarkus.http.port=")) {
                defaults.put("quarkus.http.port", line.substring("quarkus.http.port=".length()).trim());
            }
            Matcher matcher = placeholder.matcher(line);
            while (matcher.find()) {
                defaults.put(matcher.group(1), matcher.group(2));
            }
        }
        return defaults;
    }
}
