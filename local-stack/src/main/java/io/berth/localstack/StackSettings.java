package io.berth.localstack;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What the local stack reads from its environment. Without {@code KAFKA_BOOTSTRAP_SERVERS} or
 * {@code BERTH_DB_URL} it runs an embedded broker and database of its own.
 *
 * @param home the one directory holding the stack's data, logs and pid files
 * @param externalKafka bootstrap servers of a broker to use instead of the embedded one
 * @param externalDbUrl JDBC URL of a PostgreSQL server (any database on it) to use instead of the
 *     embedded one; each service gets a database of its own there
 * @param fleet {@code BERTH_FLEET}: hosted instances to launch once the stack is up (see {@link FleetSpec})
 * @param serviceArchives each service with a class data archive of its own ({@link ServiceArchive}, ADR 0067);
 *     {@code BERTH_SERVICE_CDS=0} leaves them out
 * @param ownJavaOptions the flags a service gets after {@code serviceJavaOptions}, by service name (the later of two
 *     values of a flag wins): {@link #SERVICE_JAVA_OPTIONS} unless {@code BERTH_JAVA_OPTS} is set, each replaced by
 *     {@code BERTH_JAVA_OPTS_<SERVICE>} ({@link #ownJavaOptionsKey}) when that is set
 * @param portOffset {@code BERTH_PORT_OFFSET}: added to every port the stack opens or names (the services', the
 *     embedded broker's and database's unless their own keys set them), so that two stacks run side by side (ADR 0081)
 */
public record StackSettings(Path repoRoot, Path home, String externalKafka, String externalDbUrl, String dbUser,
        String dbPassword, int kafkaPort, int kafkaControllerPort, int dbPort, String serviceJavaOptions,
        int startTimeoutSeconds, String fleet, boolean serviceArchives, Map<String, String> ownJavaOptions,
        int portOffset) {

    /** The highest port a stack opens at offset 0 (the broker's controller): an offset must keep it a port. */
    static final int HIGHEST_DEFAULT_PORT = 9093;

    /**
     * The services' JVM flags: a heap that starts small and gives back what a peak took (ADR 0037), and
     * only the C1 compiler (ADR 0052): seven JVMs starting at once on two cores spent 42 % of their start's
     * CPU in the JIT, most of it in C2. A young generation of at most 12 MB and glibc's free memory returned
     * every second (ADR 0037, session 14) keep the busiest services' peaks of scenario 1 off 250 MB.
     */
    public static final String DEFAULT_JAVA_OPTIONS = "-XX:+UseSerialGC -Xss512k -Xms16m -Xmx192m"
            + " -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:+ExitOnOutOfMemoryError -XX:TieredStopAtLevel=1"
            + " -XX:MaxNewSize=12m -XX:TrimNativeHeapInterval=1000";
    /**
     * The flags of one service beyond {@link #DEFAULT_JAVA_OPTIONS}, by service name: the one place a service's own
     * JVM settings are written (ADR 0037, session 16); compose and k8s pass the same as {@code JAVA_OPTS_SERVICE}.
     * The scheduler and the gateway, the two busiest in scenario 1, get a young generation of 24 MB instead of the
     * common 12 MB cap: at 80 RunTask/s they collected about 30 % less often and promoted half as much, and the
     * machine's CPU per RunTask fell beyond the spread of the runs before, their peaks still under 250 MB.
     */
    public static final Map<String, String> SERVICE_JAVA_OPTIONS = Map.of(
            "scheduler-service", "-Xmn24m",
            "api-gateway", "-Xmn24m");

    /**
     * What else bounds a service's footprint (ADR 0037): two glibc malloc arenas instead of eight per
     * core, and at most 64 worker threads. The launcher's own environment overrides each.
     */
    static final Map<String, String> FOOTPRINT_DEFAULTS = Map.of("MALLOC_ARENA_MAX", "2",
            "QUARKUS_THREAD_POOL_MAX_THREADS", "64");

    /** A {@code -XX:} option, on or off or with a value; group 1 is the flag's name. */
    private static final Pattern XX_FLAG = Pattern.compile("-XX:[+-]?([A-Za-z0-9_]+)(=.*)?");

    public static StackSettings from(Map<String, String> env, Path repoRoot) {
        int offset = intOf(env, "BERTH_PORT_OFFSET", 0);
        if (offset < 0 || HIGHEST_DEFAULT_PORT + offset > 65535) {
            throw new IllegalArgumentException("BERTH_PORT_OFFSET must be between 0 and "
                    + (65535 - HIGHEST_DEFAULT_PORT) + ", not " + offset);
        }
        return new StackSettings(
                repoRoot,
                Path.of(env.getOrDefault("BERTH_HOME", repoRoot.resolve(".berth").toString())).toAbsolutePath(),
                blankToNull(env.get("KAFKA_BOOTSTRAP_SERVERS")),
                blankToNull(env.get("BERTH_DB_URL")),
                env.getOrDefault("BERTH_DB_USERNAME", PostgresServer.USER),
                env.getOrDefault("BERTH_DB_PASSWORD", ""),
                intOf(env, "BERTH_KAFKA_PORT", 9092 + offset),
                intOf(env, "BERTH_KAFKA_CONTROLLER_PORT", HIGHEST_DEFAULT_PORT + offset),
                intOf(env, "BERTH_DB_PORT", 5432 + offset),
                env.getOrDefault("BERTH_JAVA_OPTS", knownTo(StackSettings::vmKnows, DEFAULT_JAVA_OPTIONS)),
                intOf(env, "BERTH_START_TIMEOUT", 300),
                blankToNull(env.get("BERTH_FLEET")),
                !"0".equals(env.getOrDefault("BERTH_SERVICE_CDS", "1")),
                ownJavaOptions(env),
                offset);
    }

    /** The HTTP port a service listens on in this stack. */
    public int portOf(ServiceSpec service) {
        return service.port() + portOffset;
    }

    /** Where the others reach a service of this stack, without a trailing slash. */
    public String urlOf(ServiceSpec service) {
        return "http://localhost:" + portOf(service);
    }

    public URI readinessOf(ServiceSpec service) {
        return URI.create(urlOf(service) + "/q/health/ready");
    }

    /** The ECS endpoint: the gateway. */
    public String endpoint() {
        return urlOf(ServiceSpec.named("api-gateway"));
    }

    /** What the registry's host names are sent to (podman's {@code registries.conf}): its host and port. */
    public String registryLocation() {
        return "localhost:" + portOf(ServiceSpec.named("registry-service"));
    }

    /**
     * The settings of a service process that name a port: its own, and where it finds the others and the gateway.
     * At offset 0 each is the value the service's {@code application.properties} has anyway. The poll endpoint and
     * the logs endpoint are left to the launcher's environment ({@code launcherEnv}) when it sets them, as before.
     */
    public Map<String, String> portEnvironment(ServiceSpec service, Map<String, String> launcherEnv) {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(portOf(service)));
        for (ServiceSpec other : ServiceSpec.ALL) {
            env.put("BERTH_" + other.name().replace("-service", "").toUpperCase(Locale.ROOT) + "_SERVICE_URL",
                    urlOf(other));
        }
        // The agent-service's answer to DiscoverPollEndpoint and its awslogs driver's target are the gateway.
        if (!launcherEnv.containsKey("BERTH_AGENT_POLL_ENDPOINT")) {
            env.put("BERTH_AGENT_POLL_ENDPOINT", endpoint() + "/");
        }
        if (!launcherEnv.containsKey("BERTH_LOGS_ENDPOINT")) {
            env.put("BERTH_LOGS_ENDPOINT", endpoint());
        }
        return env;
    }

    /** The environment key that replaces a service's own flags: {@code BERTH_JAVA_OPTS_SCHEDULER_SERVICE}, ... */
    public static String ownJavaOptionsKey(String service) {
        return "BERTH_JAVA_OPTS_" + service.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /**
     * Each service's own flags: {@link #SERVICE_JAVA_OPTIONS} (left out whole when {@code BERTH_JAVA_OPTS} replaces the
     * defaults, and each {@code -XX:} flag the JVM does not know left out, as for the defaults), then each
     * {@code BERTH_JAVA_OPTS_<SERVICE>} of the environment instead of its service's entry, as it is.
     */
    static Map<String, String> ownJavaOptions(Map<String, String> env) {
        Map<String, String> own = new HashMap<>();
        if (!env.containsKey("BERTH_JAVA_OPTS")) {
            SERVICE_JAVA_OPTIONS.forEach((service, options) -> own.put(service, knownTo(StackSettings::vmKnows, options)));
        }
        for (ServiceSpec spec : ServiceSpec.ALL) {
            String given = env.get(ownJavaOptionsKey(spec.name()));
            if (given != null) {
                own.put(spec.name(), given);
            }
        }
        return Map.copyOf(own);
    }

    /** The JVM flags of one service: {@link #serviceJavaOptions()}, then its own (the later value of a flag wins). */
    public List<String> javaOptionsOf(String service) {
        List<String> options = new ArrayList<>();
        for (String part : List.of(serviceJavaOptions, ownJavaOptions.getOrDefault(service, ""))) {
            for (String option : part.trim().split("\\s+")) {
                if (!option.isEmpty()) {
                    options.add(option);
                }
            }
        }
        return options;
    }

    /**
     * The options a JVM that answers {@code knows} accepts: each {@code -XX:} flag it does not know is left out. The
     * services run on the launcher's own JVM, and the defaults name flags a JDK 17 before 17.0.9 lacks
     * ({@code -XX:TrimNativeHeapInterval}, ADR 0037): on such a JDK the services start without them rather than not at
     * all. Options the launcher's environment gives ({@code BERTH_JAVA_OPTS}) are passed as they are.
     */
    static String knownTo(Predicate<String> knows, String options) {
        return Arrays.stream(options.trim().split("\\s+")).filter(option -> {
            Matcher flag = XX_FLAG.matcher(option);
            return !flag.matches() || knows.test(flag.group(1));
        }).collect(Collectors.joining(" "));
    }

    /** Whether this JVM has a flag of that name (HotSpot answers for every flag it has, whatever its kind). */
    static boolean vmKnows(String flag) {
        try {
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).getVMOption(flag);
            return true;
        } catch (IllegalArgumentException unknown) {
            return false;
        }
    }

    /** The footprint settings of every service process: {@link #FOOTPRINT_DEFAULTS}, unless {@code env} sets them. */
    public static Map<String, String> footprintEnvironment(Map<String, String> env) {
        Map<String, String> settings = new HashMap<>();
        FOOTPRINT_DEFAULTS.forEach((key, value) -> settings.put(key, env.getOrDefault(key, value)));
        return settings;
    }

    public Path pidFile() {
        return home.resolve("stack.pid");
    }

    public Path childrenFile() {
        return home.resolve("children.pids");
    }

    public Path logs() {
        return home.resolve("logs");
    }

    /** The JDBC URL of a service's own database on the server in use. */
    public String jdbcUrl(String database) {
        if (externalDbUrl == null) {
            return "jdbc:postgresql://localhost:" + dbPort + "/" + database;
        }
        int query = externalDbUrl.indexOf('?');
        String base = query < 0 ? externalDbUrl : externalDbUrl.substring(0, query);
        String parameters = query < 0 ? "" : externalDbUrl.substring(query);
        return base.substring(0, base.lastIndexOf('/') + 1) + database + parameters;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static int intOf(Map<String, String> env, String key, int fallback) {
        String value = env.get(key);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, not '" + value + "'");
        }
    }
}
