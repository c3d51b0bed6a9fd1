package io.berth.localstack;

import io.berth.events.Topic;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Runs the whole of Berth on one machine: {@code up} starts PostgreSQL and a KRaft broker (embedded
 * unless external ones are configured) and the seven services as separate processes, waits until
 * every one is ready and keeps running until Ctrl-C or {@code down}; {@code status} shows each
 * service's readiness.
 */
public final class BerthLocalStack {

    private static final PrintStream OUT = System.out;

    private final StackSettings settings;
    private final List<ServiceProcess> services = new ArrayList<>();
    /** The services' class data archives, by service name (ADR 0067); none with {@code BERTH_SERVICE_CDS=0}. */
    private final Map<String, ServiceArchive> archives = new HashMap<>();
    /** Set once every service was ready: only then is what a service's JVM writes at exit a whole start's. */
    private volatile boolean wasUp;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private PostgresServer postgres;
    private KafkaBroker kafka;
    private PodmanService podman;

    BerthLocalStack(StackSettings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "up" : args[0];
        StackSettings settings;
        try {
            settings = StackSettings.from(System.getenv(), repoRoot());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        int exit = switch (command) {
            case "up" -> new BerthLocalStack(settings).up();
            case "down" -> down(settings);
            case "status" -> status(settings);
            default -> {
                System.err.println("usage: berth up | down | status");
                yield 2;
            }
        };
        System.exit(exit);
    }

    /** The repository the launcher jar was built in: {@code <root>/local-stack/target/<jar>}. */
    private static Path repoRoot() {
        String override = System.getenv("BERTH_REPO");
        if (override != null && !override.isBlank()) {
            return Path.of(override).toAbsolutePath();
        }
        try {
            Path jar = Path.of(BerthLocalStack.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return jar.getParent().getParent().getParent().toAbsolutePath();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    int up() throws IOException, InterruptedException {
        long startedAt = System.nanoTime();
        List<FleetSpec> fleets;
        try {
            fleets = FleetSpec.parse(settings.fleet());
        } catch (IllegalArgumentException e) {
            OUT.println(e.getMessage());
            return 1;
        }
        Files.createDirectories(settings.logs());
        Optional<ProcessHandle> running = runningStack(settings);
        if (running.isPresent()) {
            OUT.println("Berth is already running (pid " + running.get().pid() + "); stop it with ./berth down");
            return 1;
        }
        StaleProcesses.killLeftoversOf(settings, OUT);
        Files.writeString(settings.pidFile(), Long.toString(ProcessHandle.current().pid()));
        Runtime.getRuntime().addShutdownHook(new Thread(this::shutdown, "berth-shutdown"));

        try {
            String jdbcAdminUrl = startDatabase();
            Optional<String> dockerHost = dockerHost(fleets);
            boolean besideTheBroker = servicesStartBesideTheBroker(settings.externalKafka(), kafkaDirectory());
            if (besideTheBroker) {
                startServices(KafkaBroker.bootstrapOf(settings.kafkaPort()), dockerHost);
            }
            String bootstrap = startBroker();
            OUT.printf("PostgreSQL and Kafka ready (%.1f s)%n", (System.nanoTime() - startedAt) / 1e9);
            if (!besideTheBroker) {
                startServices(bootstrap, dockerHost);
            }
            if (!awaitReady(startedAt)) {
                return 1;
            }
            if (!launchFleets(fleets)) {
                return 1;
            }
            OUT.printf("%nBerth is up in %.1f s (data in %s, logs in %s).%n", (System.nanoTime() - startedAt) / 1e9,
                    settings.home(), settings.logs());
            keepTheClassDataArchive(System.getProperty(ARCHIVE_KEPT));
            wasUp = true;
            Path registries = RegistryHosts.write(settings.home(), settings.registryLocation());
            OUT.println("  ECS endpoint:   " + settings.endpoint() + " (also ECR and Application Auto Scaling)");
            OUT.println("  Console:        " + settings.endpoint() + "/ in a browser");
            OUT.println("  ECR registry:   http://" + settings.registryLocation() + " (for podman: export"
                    + " CONTAINERS_REGISTRIES_CONF=" + registries + ")");
            OUT.println("  Kafka:          " + bootstrap);
            OUT.println("  PostgreSQL:     " + jdbcAdminUrl);
            OUT.println("Try:");
            OUT.println("  aws ecs list-clusters --endpoint-url " + settings.endpoint() + " --region us-east-1");
            OUT.println("Stop with Ctrl-C or ./berth down.");
            watchServices();
            return 0;
        } catch (RuntimeException e) {
            OUT.println("Berth did not start: " + e.getMessage());
            return 1;
        }
    }

    /**
     * Names the file that tells {@code ./berth} to keep the class data archive this JVM writes as it exits (ADR 0059,
     * ADR 0062); set only by the {@code up} that writes one.
     */
    static final String ARCHIVE_KEPT = "berth.launcher.archive-kept";

    /**
     * Says that this launcher brought a whole stack up, so that the classes it loaded are those of a full start: the
     * archive the JVM writes at exit is then worth keeping. A launcher that found a stack running, or failed or was
     * stopped before every service was ready, never gets here and its archive is thrown away.
     */
    static void keepTheClassDataArchive(String marker) {
        if (marker == null || marker.isBlank()) {
            return;
        }
        try {
            Files.writeString(Path.of(marker), Long.toString(ProcessHandle.current().pid()));
        } catch (IOException e) {
            OUT.println("Could not write " + marker + " (the launcher's class data archive is not kept): "
                    + e.getMessage());
        }
    }

    private boolean launchFleets(List<FleetSpec> fleets) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        for (FleetSpec fleet : fleets) {
            if (!fleet.launch(http, URI.create(settings.endpoint() + "/"), OUT)) {
                return false;
            }
        }
        return true;
    }

    private String startDatabase() {
        PGSimpleDataSource admin = new PGSimpleDataSource();
        String adminUrl;
        if (settings.externalDbUrl() == null) {
            OUT.println("Starting PostgreSQL on port " + settings.dbPort() + " ...");
            postgres = PostgresServer.start(settings.home().resolve("postgres/data"), settings.dbPort(), false);
            recordChild(postmasterPid());
            adminUrl = postgres.jdbcUrl("postgres");
        } else {
            adminUrl = settings.externalDbUrl();
            OUT.println("Using PostgreSQL at " + adminUrl);
        }
        admin.setUrl(adminUrl);
        admin.setUser(settings.dbUser());
        admin.setPassword(settings.dbPassword());
        for (ServiceSpec service : ServiceSpec.ALL) {
            PostgresServer.createDatabase(admin, service.database());
        }
        return adminUrl;
    }

    /**
     * Whether the services' JVMs start while the embedded broker is still starting (ADR 0088): the start is bound by
     * the two cores, and for its first seconds the launcher loading the broker left a good part of them idle. Only
     * when the broker's log already holds every Berth topic (a restart): the services then find each topic with its
     * 12 partitions whenever they reach the broker, and their Kafka clients wait for it as for any broker that is
     * not up yet (readiness includes Kafka). On a first start, after a new topic, or with an external broker, the
     * topics are created first and the services started after them, so that no consumer can have the broker
     * auto-create a topic with one partition before the launcher creates it with twelve. PostgreSQL is always ready
     * and every database created before any service starts: a service's Flyway does not wait for its database.
     */
    static boolean servicesStartBesideTheBroker(String externalKafka, Path kafkaDirectory) {
        return externalKafka == null && KafkaBroker.holdsTopics(kafkaDirectory, KafkaBroker.berthTopics());
    }

    private Path kafkaDirectory() {
        return settings.home().resolve("kafka");
    }

    private String startBroker() {
        String bootstrap = settings.externalKafka();
        if (bootstrap == null) {
            OUT.println("Starting Kafka (KRaft) on port " + settings.kafkaPort() + " ...");
            kafka = KafkaBroker.start(kafkaDirectory(), settings.kafkaPort(), settings.kafkaControllerPort());
            bootstrap = kafka.bootstrapServers();
        } else {
            OUT.println("Using Kafka at " + bootstrap);
        }
        KafkaBroker.createTopics(bootstrap, KafkaBroker.berthTopics(), Topic.DEFAULT_PARTITIONS);
        return bootstrap;
    }

    /**
     * The engine docker instances use, when {@code BERTH_FLEET} asks for some: {@code DOCKER_HOST} (or Docker's own
     * socket) if it answers, else a Podman service of the stack's own, with its storage in the stack's home so that
     * a restarted stack finds its containers again.
     */
    private Optional<String> dockerHost(List<FleetSpec> fleets) {
        if (fleets.stream().noneMatch(fleet -> "docker".equals(fleet.runtime()))) {
            return Optional.empty();
        }
        String configured = Optional.ofNullable(System.getenv("DOCKER_HOST")).filter(h -> !h.isBlank())
                .orElse("unix:///var/run/docker.sock");
        if (PodmanService.answers(configured)) {
            OUT.println("Docker instances use the engine at " + configured);
            return Optional.of(configured);
        }
        OUT.println("No Docker engine answers at " + configured + "; starting Podman ...");
        podman = PodmanService.start(settings.home().resolve("podman"), settings.registryLocation());
        recordChild(podman.pid());
        OUT.println("Podman serves the Docker API at " + podman.dockerHost() + " (image " + PodmanService.BUSYBOX
                + ")");
        return Optional.of(podman.dockerHost());
    }

    private void startServices(String bootstrap, Optional<String> dockerHost) {
        String credentialsSecret = CredentialsSecret.of(System.getenv(), settings.home());
        for (ServiceSpec spec : ServiceSpec.ALL) {
            Map<String, String> env = new HashMap<>(StackSettings.footprintEnvironment(System.getenv()));
            env.put(CredentialsSecret.KEY, credentialsSecret);
            dockerHost.ifPresent(host -> env.put("DOCKER_HOST", host));
            env.put("BERTH_DOCKER_DIRECTORY", settings.home().resolve("docker").toString());
            env.put("BERTH_EFS_DIRECTORY", settings.home().resolve("efs").toString());
            env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
            env.put("BERTH_DB_URL", settings.jdbcUrl(spec.database()));
            env.put("BERTH_DB_USERNAME", settings.dbUser());
            env.put("BERTH_DB_PASSWORD", settings.dbPassword());
            env.putAll(settings.portEnvironment(spec, System.getenv()));
            env.put("BERTH_REGISTRY_DATA", settings.home().resolve("registry").toString());
            List<String> ownOptions = List.of();
            if (settings.serviceArchives()) {
                ServiceArchive archive = ServiceArchive.of(spec, settings.repoRoot());
                archives.put(spec.name(), archive);
                ownOptions = archive.javaOptions();
            }
            OUT.println("Starting " + spec.name() + " on port " + settings.portOf(spec) + " ...");
            ServiceProcess service = ServiceProcess.start(spec, settings, ownOptions, env, OUT);
            services.add(service);
            recordChild(service.pid());
        }
    }

    /**
     * Asks every service that is not ready yet at once, every 250 ms, and says so as each answers 200 (ADR 0062):
     * asked one after the other, a service's "ready" waited for the answers of those before it, up to 1.1 s.
     */
    private boolean awaitReady(long startedAt) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = startedAt + Duration.ofSeconds(settings.startTimeoutSeconds()).toNanos();
        List<ServiceProcess> waiting = new ArrayList<>(services);
        while (!waiting.isEmpty()) {
            for (ServiceProcess service : waiting) {
                if (!service.isAlive()) {
                    OUT.println(service.spec().name() + " exited with code " + service.exitValue()
                            + "; its last lines:");
                    service.lastLines().forEach(line -> OUT.println("    " + line));
                    return false;
                }
            }
            List<ServiceProcess> ready = readyNow(http, waiting, service -> settings.readinessOf(service.spec()),
                    service -> OUT.printf("%s is ready (%.1f s)%n", service.spec().name(),
                            (System.nanoTime() - startedAt) / 1e9));
            waiting.removeAll(ready);
            if (waiting.isEmpty()) {
                break;
            }
            if (System.nanoTime() > deadline) {
                OUT.println("Not ready after " + settings.startTimeoutSeconds() + " s: "
                        + waiting.stream().map(s -> s.spec().name()).collect(Collectors.joining(", ")));
                return false;
            }
            Thread.sleep(250);
        }
        return true;
    }

    /**
     * Those of {@code asked} whose readiness answers 200, all asked at the same time; {@code onReady} hears of each
     * as its answer arrives. Returns when every one has answered or failed.
     */
    static <T> List<T> readyNow(HttpClient http, List<T> asked, Function<T, URI> readiness, Consumer<T> onReady) {
        List<T> ready = new ArrayList<>();
        CompletableFuture.allOf(asked.stream()
                .map(each -> isReadyAsync(http, readiness.apply(each)).thenAccept(up -> {
                    if (up) {
                        synchronized (ready) {
                            onReady.accept(each);
                            ready.add(each);
                        }
                    }
                }))
                .toArray(CompletableFuture[]::new)).join();
        synchronized (ready) {
            return List.copyOf(ready);
        }
    }

    static boolean isReady(HttpClient http, URI readiness) {
        return isReadyAsync(http, readiness).join();
    }

    static CompletableFuture<Boolean> isReadyAsync(HttpClient http, URI readiness) {
        return http.sendAsync(HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(5)).GET().build(),
                        HttpResponse.BodyHandlers.discarding())
                .handle((response, failure) -> failure == null && response.statusCode() == 200);
    }

    /** Reports services that die while the stack runs; returns when the stack is stopped. */
    private void watchServices() throws InterruptedException {
        List<ServiceProcess> reported = new ArrayList<>();
        while (!stopped.await(1, java.util.concurrent.TimeUnit.SECONDS)) {
            for (ServiceProcess service : services) {
                if (!service.isAlive() && !reported.contains(service)) {
                    reported.add(service);
                    OUT.println(service.spec().name() + " exited with code " + service.exitValue()
                            + " (see " + settings.logs().resolve(service.spec().name() + ".log") + ")");
                }
            }
        }
    }

    private synchronized void shutdown() {
        if (stopped.getCount() == 0) {
            return;
        }
        OUT.println("Stopping Berth ...");
        List<ServiceProcess> stoppedByThemselves = stopAll(services, STOP_WAIT, OUT);
        keepTheServicesArchives(stoppedByThemselves);
        if (podman != null) {
            podman.close();
        }
        if (kafka != null) {
            try {
                kafka.close();
            } catch (RuntimeException e) {
                OUT.println("Kafka did not stop cleanly: " + e.getMessage());
            }
        }
        if (postgres != null) {
            try {
                postgres.close();
            } catch (RuntimeException e) {
                OUT.println("PostgreSQL did not stop cleanly: " + e.getMessage());
            }
        }
        try {
            Files.deleteIfExists(settings.childrenFile());
            Files.deleteIfExists(settings.pidFile());
        } catch (IOException e) {
            OUT.println("Could not remove " + settings.pidFile() + ": " + e.getMessage());
        }
        OUT.println("Berth stopped.");
        stopped.countDown();
    }

    /**
     * How long the services have to stop by themselves, together, before they are killed. A down is seconds (ADR 0062),
     * but within 45 s (the consumers' session timeout) of a restart after a kill -9 the consumers are still joining
     * their groups, waiting for the killed members to expire, and each channel's close waits for its join up to
     * {@code default.api.timeout.ms} (5 s), one channel after another: up to 25 s for five channels. At the first down
     * after a build each service's JVM also writes its class data archive as it exits (ADR 0067): 22 s for the seven
     * at once on two cores, after their own stop.
     */
    static final Duration STOP_WAIT = Duration.ofSeconds(90);

    /**
     * How long {@code ./berth down} waits for the launcher: the services' {@link #STOP_WAIT}, then the broker's and
     * PostgreSQL's stop and the launcher's own class data archive (ADR 0059) written as it exits.
     */
    static final Duration DOWN_WAIT = STOP_WAIT.plusSeconds(30);

    /**
     * Stops the services all at once and waits for them (ADR 0062): each needs only the database and the broker,
     * which stop after the last, so none waits for another. One after the other, a down took the sum of their stops.
     */
    static List<ServiceProcess> stopAll(List<ServiceProcess> services, Duration wait, PrintStream out) {
        services.forEach(ServiceProcess::requestStop);
        long deadline = System.nanoTime() + wait.toNanos();
        List<ServiceProcess> stoppedByThemselves = new ArrayList<>();
        for (ServiceProcess service : services) {
            if (service.awaitStop(deadline)) {
                stoppedByThemselves.add(service);
            } else {
                out.println(service.spec().name() + " did not stop within " + wait.toSeconds() + " s; killed it");
            }
        }
        return stoppedByThemselves;
    }

    /**
     * Keeps the class data archive each service's JVM wrote as it exited if the stack had come up and the service
     * stopped by itself (a killed one may have left half a file), and throws it away otherwise (ADR 0067).
     */
    private void keepTheServicesArchives(List<ServiceProcess> stoppedByThemselves) {
        for (ServiceProcess service : services) {
            ServiceArchive archive = archives.get(service.spec().name());
            if (archive == null || !archive.writing()) {
                continue;
            }
            try {
                if (wasUp && stoppedByThemselves.contains(service)) {
                    archive.keep();
                } else {
                    archive.discard();
                }
            } catch (IOException e) {
                OUT.println("Could not keep " + archive.archive() + ": " + e.getMessage());
            }
        }
    }

    private long postmasterPid() {
        try {
            return Long.parseLong(Files.readAllLines(settings.home().resolve("postgres/data/postmaster.pid")).get(0)
                    .trim());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private void recordChild(long pid) {
        if (pid <= 0) {
            return;
        }
        try {
            Files.writeString(settings.childrenFile(), pid + "\n", StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Optional<ProcessHandle> runningStack(StackSettings settings) {
        try {
            if (!Files.exists(settings.pidFile())) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readString(settings.pidFile()).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().commandLine().map(c -> c.contains("berth-local-stack")).orElse(false));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    static int down(StackSettings settings) throws InterruptedException, IOException {
        Optional<ProcessHandle> stack = runningStack(settings);
        if (stack.isEmpty()) {
            OUT.println("Berth is not running.");
            StaleProcesses.killLeftoversOf(settings, OUT);
            return 0;
        }
        OUT.println("Stopping Berth (pid " + stack.get().pid() + ") ...");
        stack.get().destroy();
        try {
            stack.get().onExit().get(DOWN_WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            OUT.println("Berth did not stop within " + DOWN_WAIT.toSeconds() + " s; killing it.");
            stack.get().destroyForcibly();
            StaleProcesses.killLeftoversOf(settings, OUT);
        }
        OUT.println("Berth stopped.");
        return 0;
    }

    static int status(StackSettings settings) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Map<String, Boolean> ready = new LinkedHashMap<>();
        for (ServiceSpec spec : ServiceSpec.ALL) {
            ready.put(spec.name(), isReady(http, settings.readinessOf(spec)));
        }
        OUT.println(runningStack(settings).map(p -> "Berth is running (pid " + p.pid() + ")")
                .orElse("Berth is not running"));
        ready.forEach((name, up) -> OUT.printf("  %-18s %s%n", name, up ? "ready" : "not ready"));
        return ready.values().stream().allMatch(Boolean::booleanValue) ? 0 : 1;
    }
}
