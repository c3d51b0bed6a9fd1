package io.berth.agent.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.agent.runtime.docker.ContainerState;
import io.berth.agent.runtime.docker.DockerEngine;
import io.berth.agent.runtime.docker.EngineException;
import io.berth.agent.runtime.docker.ImageReference;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A runtime that runs each container of a task as a container of a Docker engine (Docker itself, or Podman's
 * Docker-compatible service) with the ECS agent's semantics (see {@code RUNTIMES.md}): images pulled unless present,
 * containers created with the task definition's settings and labelled as the ECS agent labels them, started in
 * {@code dependsOn} order, health checks run by the agent through exec, an essential container's exit stopping the
 * others (stop signal, SIGKILL after the stop timeout, dependents first), task volumes, output kept after the task.
 *
 * <p>Containers outlive the agent: {@link #close()} leaves them running, and {@link #adopt} takes a task back after
 * a restart, by its containers' labels.
 */
public final class DockerRuntime implements Runtime {

    private static final System.Logger LOG = System.getLogger(DockerRuntime.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param dataDirectory where the output of stopped containers is kept, {@code <dir>/<taskId>/<container>/}
     * @param efsDirectory where EFS file systems live, one directory per {@code fileSystemId}
     * @param environmentFilesDirectory where {@code environmentFiles} S3 objects are read from,
     *     {@code <dir>/<bucket>/<key>}; null when this agent has none
     * @param defaultStopTimeout the stop timeout of containers whose definition sets none
     * @param defaultUlimits added to a container that sets some ulimits, for the names it leaves out: Podman
     *     replaces its configured defaults with a container's own list instead of merging them, and a limit left to
     *     the host's may be one the engine is not allowed to set
     */
    public record Settings(Path dataDirectory, Path efsDirectory, Path environmentFilesDirectory,
            Duration defaultStopTimeout, List<ContainerDetails.Ulimit> defaultUlimits) {

        public Settings {
            Objects.requireNonNull(dataDirectory, "dataDirectory");
            Objects.requireNonNull(efsDirectory, "efsDirectory");
            Objects.requireNonNull(defaultStopTimeout, "defaultStopTimeout");
            defaultUlimits = List.copyOf(defaultUlimits);
        }
    }

    private final DockerEngine engine;
    private final Settings settings;
    private final RegistryCredentials credentials;
    private final TaskWorkspace workspace;
    private final TaskVolumes volumes;
    private final HostPortAllocator ports = new HostPortAllocator(HostPortAllocator.SOCKETS);
    private final Clock clock = Clock.systemUTC();
    private final ScheduledExecutorService timers = RuntimeThreads.named("berth-docker-runtime");
    /** Engine calls block (a followed log for as long as its container runs): they get threads of their own. */
    private final ExecutorService calls = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "berth-docker-call");
        thread.setDaemon(true);
        return thread;
    });
    private final TaskTable<DockerTask> tasks = new TaskTable<>();
    private final ContainerExits exits;

    private final ContainerLogs logs;

    private final TaskEndpoints endpoints;

    public DockerRuntime(DockerEngine engine, Settings settings, RegistryCredentials credentials) {
        this(engine, settings, credentials, ContainerLogs.NONE, TaskEndpoints.NONE);
    }

    /**
     * A runtime that also ships each container's output to its log driver: engines such as Podman have no awslogs
     * driver, so the agent follows the output through the Engine API and ships it itself.
     */
    public DockerRuntime(DockerEngine engine, Settings settings, RegistryCredentials credentials,
            ContainerLogs logs, TaskEndpoints endpoints) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.logs = Objects.requireNonNull(logs, "logs");
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
        this.workspace = new TaskWorkspace(settings.dataDirectory());
        this.volumes = new TaskVolumes(engine, settings.efsDirectory());
        // Subscribed before any container of this runtime starts.
        this.exits = new ContainerExits(engine, calls, clock);
    }

    @Override
    public void start(TaskSpec spec, TaskListener listener) {
        tasks.add(spec.taskArn(), () -> new DockerTask(spec, listener, null)).ifPresent(DockerTask::begin);
    }

    /**
     * Takes back a task whose containers an earlier agent created on this engine: watches the running ones again,
     * reports the exits it missed, and goes on with the task from there. Nothing is created or started twice.
     *
     * @param lastVersion the version of the last report the task had, which the next one follows
     * @return false when the engine has no container of the task (it never got that far, or was cleaned up)
     */
    public boolean adopt(TaskSpec spec, TaskListener listener, long lastVersion) {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        for (JsonNode summary : engine.containersLabelled(ContainerRequests.LABEL_TASK_ARN, spec.taskArn())) {
            JsonNode container = engine.inspect(summary.path("Id").asText());
            found.put(container.path("Config").path("Labels").path(ContainerRequests.LABEL_CONTAINER_NAME).asText(),
                    container);
        }
        if (found.isEmpty()) {
            return false;
        }
        Adoption adoption = new Adoption(found, lastVersion);
        tasks.add(spec.taskArn(), () -> new DockerTask(spec, listener, adoption)).ifPresent(DockerTask::resume);
        return true;
    }

    /**
     * Removes the containers an earlier agent left on this engine for {@code containerInstanceArn} whose task is not
     * one of {@code tasks} (it stopped, and the agent went away before it cleaned up): nothing is left orphaned.
     *
     * @return how many containers were removed
     */
    public int removeOrphans(String containerInstanceArn, Set<String> tasks) {
        int removed = 0;
        for (JsonNode container : engine.containersLabelled(ContainerRequests.LABEL_INSTANCE, containerInstanceArn)) {
            String task = container.path("Labels").path(ContainerRequests.LABEL_TASK_ARN).asText();
            if (!tasks.contains(task)) {
                engine.remove(container.path("Id").asText());
                removed++;
            }
        }
        return removed;
    }

    @Override
    public void stop(String taskArn, String stopCode, String reason) {
        tasks.get(taskArn).ifPresent(task -> task.stop(stopCode, reason));
    }

    /** What the container wrote: read from the engine while its task runs, from the kept files after. */
    /** The engine's own stats of the container, while it runs. */
    @Override
    public Optional<JsonNode> stats(String taskArn, String containerName) {
        return tasks.get(taskArn).flatMap(task -> task.runningId(containerName)).flatMap(id -> {
            try {
                return Optional.of(engine.stats(id));
            } catch (EngineException e) {
                return Optional.empty();
            }
        });
    }

    @Override
    public Optional<RunningTask> running(String taskArn) {
        return tasks.get(taskArn).flatMap(task -> Optional.ofNullable(task.lifecycle.current())
                .map(report -> new RunningTask(task.spec, report)));
    }

    @Override
    public Optional<String> logs(String taskArn, String containerName) {
        Optional<String> live = tasks.get(taskArn).flatMap(task -> task.liveLogs(containerName));
        return live.isPresent() ? live : workspace.logs(taskArn, containerName);
    }

    /** How the runtime hears of its containers' exits: tests cut its stream. */
    ContainerExits exits() {
        return exits;
    }

    /** Releases the runtime's threads; the containers go on running, to be adopted by the next agent. */
    @Override
    public void close() {
        tasks.close();
        exits.close();
        timers.shutdownNow();
        calls.shutdownNow();
    }

    /** What an earlier agent left of a task: its containers as the engine describes them, by container name. */
    private record Adoption(Map<String, JsonNode> containers, long lastVersion) {
    }

    /** What the engine reported of a container's exit. */
    private record Exit(Integer exitCode, boolean oomKilled) {
    }

    /** One container as the runtime tracks it. */
    private static final class Tracked {

        String id;
        boolean starting;
        Instant startedAt;
        boolean exited;
        Integer exitCode;
        /** An exit heard before the engine's start call returned: handled once the start is recorded. */
        Exit exitWhileStarting;
        HealthCheckState health;
        ContainerLog log;

        StartOrder.Observed observed() {
            return new StartOrder.Observed(startedAt, exited, exitCode, health == null ? null : health.status());
        }

        boolean running() {
            return startedAt != null && !exited;
        }
    }

    /**
     * One task. Decisions hold the task's lock; engine calls run on the call threads without it and hand their
     * results back.
     */
    private final class DockerTask {

        private final TaskSpec spec;
        private final TaskLifecycle lifecycle;
        private final Adoption adoption;
        private final Map<String, Tracked> containers = new LinkedHashMap<>();
        private final Map<String, List<Binding>> bindings = new HashMap<>();
        private String stopCode;
        private String stoppedReason;
        private boolean stopping;
        private boolean prepared;
        private boolean finished;

        DockerTask(TaskSpec spec, TaskListener listener, Adoption adoption) {
            this.spec = spec;
            this.adoption = adoption;
            spec.containers().forEach(container -> containers.put(container.name(), new Tracked()));
            this.lifecycle = adoption == null ? new TaskLifecycle(spec, listener, clock)
                    : TaskLifecycle.adopted(spec, listener, clock, adoptedStart(adoption), adoption.lastVersion(),
                            adoptedReports(adoption));
        }

        synchronized void begin() {
            if (lifecycle.pending()) {
                calls.execute(this::prepare);
            }
        }

        /** Picks up what the earlier agent left: ids, starts, exits, bindings; then carries on. */
        synchronized void resume() {
            prepared = true;
            List<String> exitedWhileAway = new ArrayList<>();
            adoption.containers().forEach((name, container) -> {
                Tracked tracked = containers.get(name);
                if (tracked == null) {
                    return;
                }
                tracked.id = container.path("Id").asText();
                ContainerState state = ContainerState.of(container);
                bindings.put(name, bindingsOf(container));
                try {
                    tracked.log = logs.open(spec, spec.container(name), tracked.id, true).orElse(null);
                } catch (ContainerLogs.LogDriverException e) {
                    LOG.log(Level.WARNING, "The log of container " + name + " of " + spec.taskArn()
                            + " can not be resumed: " + e.getMessage());
                }
                if (state.startedAt() != null) {
                    tracked.startedAt = state.startedAt();
                    ship(name);
                    ContainerDetails.HealthCheck check = spec.container(name).details().healthCheck();
                    if (check != null) {
                        tracked.health = new HealthCheckState(check, tracked.startedAt);
                    }
                    if (!state.exited()) {
                        // Running, or being stopped when the earlier agent went away: its exit is still to come.
                        exits.watchRunning(tracked.id, exitListener(name));
                        scheduleHealthCheck(name);
                    } else {
                        exitedWhileAway.add(name);
                    }
                }
            });
            ports.reserve(spec.taskArn(), bindings.values().stream().flatMap(List::stream).toList());
            containers.forEach((name, tracked) -> {
                if (tracked.id == null) {
                    tracked.exited = true;
                    lifecycle.containerStopped(name, null, StopCodes.CANNOT_START_CONTAINER
                            + "the container was never created before the agent restarted");
                    if (spec.container(name).essential()) {
                        stop(StopCodes.TASK_FAILED_TO_START, StopCodes.CANNOT_START_CONTAINER
                                + "container " + name + " was never created before the agent restarted");
                    }
                }
            });
            for (String name : exitedWhileAway) {
                ContainerState state = ContainerState.of(adoption.containers().get(name));
                exited(name, state.exitCode(), state.oomKilled());
            }
            if (!stopping) {
                advance();
            }
        }

        synchronized void stop(String code, String reason) {
            if (stopCode != null || lifecycle.isStopped()) {
                return;
            }
            stopCode = code;
            stoppedReason = reason;
            stopping = true;
            if (prepared) {
                stopContainers();
            }
        }

        synchronized Optional<String> runningId(String name) {
            Tracked tracked = containers.get(name);
            return tracked != null && tracked.running() ? Optional.of(tracked.id) : Optional.empty();
        }

        synchronized Optional<String> liveLogs(String name) {
            Tracked tracked = containers.get(name);
            if (tracked == null || tracked.id == null || finished) {
                return Optional.empty();
            }
            try {
                DockerEngine.Output output = engine.logs(tracked.id);
                return Optional.of(output.stdout() + output.stderr());
            } catch (EngineException e) {
                return Optional.empty();
            }
        }

        // --- preparing: ports, images, volumes, containers --------------------------------------

        /** Runs on a call thread: everything before the first container starts. */
        private void prepare() {
            try {
                if ("awsvpc".equals(spec.networkMode())) {
                    throw new Refusal(StopCodes.CANNOT_START_CONTAINER,
                            "network mode awsvpc needs task ENIs, which this instance's engine does not provide");
                }
                allocatePorts();
                Map<String, String> mounts;
                try {
                    mounts = volumes.prepare(spec);
                } catch (TaskVolumes.VolumeException e) {
                    throw new Refusal(StopCodes.CANNOT_CREATE_CONTAINER, e.getMessage());
                }
                createContainers(mounts);
            } catch (Refusal refusal) {
                failToStart(refusal.prefix + refusal.getMessage());
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Preparing task " + spec.taskArn() + " failed", e);
                failToStart(StopCodes.CANNOT_START_CONTAINER + e.getMessage());
                return;
            }
            synchronized (this) {
                prepared = true;
                if (stopping) {
                    stopContainers();
                } else {
                    advance();
                }
            }
        }

        private void allocatePorts() throws Refusal {
            if (!TaskSpec.BRIDGE.equals(spec.networkMode())) {
                if (!"host".equals(spec.networkMode())) {
                    return;
                }
                spec.containers().forEach(c -> bindings.put(c.name(), c.portMappings().stream()
                        .map(p -> Binding.of(p, p.containerPort())).toList()));
                return;
            }
            try {
                HostPortAllocator.Allocation allocation = ports.allocate(spec.taskArn(), spec.containers());
                // The engine binds the ports itself: the probes must let go of them first.
                allocation.releaseHolds();
                bindings.putAll(allocation.bindings());
            } catch (PortUnavailableException e) {
                throw new Refusal(StopCodes.CANNOT_START_CONTAINER, e.getMessage());
            }
        }

        private void createContainers(Map<String, String> mounts) throws Refusal {
            Map<String, String> dockerNames = new LinkedHashMap<>();
            spec.containers().forEach(c -> dockerNames.put(c.name(), dockerName(c)));
            for (ContainerSpec container : creationOrder()) {
                if (stoppingNow()) {
                    return;
                }
                ObjectNode body = ContainerRequests.create(spec, container,
                        bindings.getOrDefault(container.name(), List.of()), mounts, dockerNames,
                        environment(container), settings.defaultStopTimeout(), settings.defaultUlimits());
                String id;
                try {
                    id = createPulling(dockerNames.get(container.name()), container.image(), body);
                    synchronized (this) {
                        containers.get(container.name()).id = id;
                        lifecycle.containerCreated(container.name(), id);
                    }
                } catch (EngineException e) {
                    throw new Refusal(StopCodes.CANNOT_CREATE_CONTAINER, e.getMessage());
                }
                try {
                    ContainerLog log = logs.open(spec, container, id, false).orElse(null);
                    synchronized (this) {
                        containers.get(container.name()).log = log;
                    }
                } catch (ContainerLogs.LogDriverException e) {
                    throw new Refusal(StopCodes.CANNOT_START_CONTAINER, e.getMessage());
                }
            }
        }

        /**
         * An image of a registry that needs credentials (Berth's ECR) is pulled at every start, as the ECS agent's
         * default pull behaviour does, so that a tag that moved is followed; the engine's copy serves only when the
         * pull fails. Any other image is used as the engine has it: the create is tried first, and only an image the
         * engine does not have (404) is pulled, then the create tried again — one call fewer than asking.
         */
        private String createPulling(String name, String image, ObjectNode body) throws Refusal {
            if (image == null || image.isBlank()) {
                throw new Refusal(StopCodes.CANNOT_PULL_CONTAINER, "container " + name + " has no image");
            }
            Optional<RegistryCredentials.Credentials> auth;
            try {
                auth = credentials.lookup(ImageReference.parse(image).registry(), spec);
            } catch (IllegalArgumentException e) {
                throw new Refusal(StopCodes.CANNOT_PULL_CONTAINER, "pull image " + image + ": " + e.getMessage());
            } catch (RegistryCredentials.Unavailable e) {
                return createFromCache(name, image, body, new Refusal(StopCodes.CANNOT_PULL_ECR_CONTAINER,
                        e.getMessage()));
            }
            if (auth.isPresent()) {
                try {
                    engine.pull(image, JSON.createObjectNode().put("username", auth.get().username())
                            .put("password", auth.get().password()).put("serveraddress", auth.get().serverAddress()));
                } catch (EngineException e) {
                    return createFromCache(name, image, body, pullFailed(image, e));
                }
                return engine.create(name, body);
            }
            try {
                return engine.create(name, body);
            } catch (EngineException e) {
                if (!e.notFound()) {
                    throw e;
                }
            }
            try {
                engine.pull(image, null);
            } catch (EngineException e) {
                throw pullFailed(image, e);
            }
            return engine.create(name, body);
        }

        /** The engine's own copy of an image whose pull failed; the pull's failure when it has none. */
        private String createFromCache(String name, String image, ObjectNode body, Refusal failedPull)
                throws Refusal {
            try {
                String id = engine.create(name, body);
                LOG.log(Level.WARNING, "Pulling " + image + " for task " + spec.taskArn() + " failed ("
                        + failedPull.getMessage() + "); the engine's copy runs instead");
                return id;
            } catch (EngineException e) {
                if (e.notFound()) {
                    throw failedPull;
                }
                throw e;
            }
        }

        private static Refusal pullFailed(String image, EngineException e) {
            return new Refusal(StopCodes.CANNOT_PULL_CONTAINER, "pull image " + image + ": " + e.getMessage());
        }

        /** Containers whose volumes others take come first: the engine wants them to exist. */
        private List<ContainerSpec> creationOrder() {
            List<ContainerSpec> order = new ArrayList<>();
            Set<String> placed = new LinkedHashSet<>();
            while (order.size() < spec.containers().size()) {
                int before = order.size();
                for (ContainerSpec container : spec.containers()) {
                    if (!placed.contains(container.name()) && container.details().volumesFrom().stream()
                            .allMatch(from -> placed.contains(from.sourceContainer()))) {
                        order.add(container);
                        placed.add(container.name());
                    }
                }
                if (order.size() == before) {
                    throw new IllegalArgumentException("volumesFrom of task " + spec.taskArn() + " form a cycle");
                }
            }
            return order;
        }

        /** ECS's order: the environment files, then {@code environment}; the agent's variables unless set. */
        private Map<String, String> environment(ContainerSpec container) throws Refusal {
            Map<String, String> environment = new LinkedHashMap<>();
            for (String file : container.details().environmentFiles()) {
                try {
                    environment.putAll(EnvironmentFiles.read(settings.environmentFilesDirectory(), file));
                } catch (EnvironmentFiles.EnvironmentFileException e) {
                    throw new Refusal(StopCodes.RESOURCE_INITIALIZATION, e.getMessage());
                }
            }
            environment.putAll(container.environment());
            environment.putIfAbsent("AWS_EXECUTION_ENV", "AWS_ECS_EC2");
            environment.putAll(endpoints.environment(spec, container, "host".equals(spec.networkMode())
                    ? TaskEndpoints.Reach.LOOPBACK : TaskEndpoints.Reach.CONTAINER_NETWORK));
            if (!environment.containsKey("AWS_REGION") && !environment.containsKey("AWS_DEFAULT_REGION")) {
                environment.put("AWS_REGION", spec.region());
                environment.put("AWS_DEFAULT_REGION", spec.region());
            }
            return environment;
        }

        /** {@code ecs-<family>-<revision>-<container>-<task id>}, as the ECS agent names its containers. */
        private String dockerName(ContainerSpec container) {
            return "ecs-" + spec.family() + "-" + spec.revision() + "-" + container.name() + "-" + spec.taskId();
        }

        // --- running: start order, exits, health ------------------------------------------------

        /** Starts every container whose dependencies allow it, fails the task on one that never can. */
        private synchronized void advance() {
            if (stopping || lifecycle.isStopped()) {
                return;
            }
            Map<String, StartOrder.Observed> observed = observed();
            Instant now = clock.instant();
            for (ContainerSpec container : spec.containers()) {
                Tracked tracked = containers.get(container.name());
                if (tracked.starting || tracked.startedAt != null || tracked.exited) {
                    continue;
                }
                StartOrder.Verdict verdict = StartOrder.verdict(spec, container, observed, now);
                if (verdict instanceof StartOrder.Failed failed) {
                    String reason = StopCodes.CANNOT_START_CONTAINER + failed.reason();
                    tracked.exited = true;
                    lifecycle.containerStopped(container.name(), null, reason);
                    if (container.essential()) {
                        stop(StopCodes.TASK_FAILED_TO_START, reason);
                        return;
                    }
                    continue;
                }
                if (verdict instanceof StartOrder.Ready) {
                    tracked.starting = true;
                    calls.execute(() -> startContainer(container.name(), tracked.id));
                }
            }
            Instant deadline = StartOrder.nextDeadline(spec, observed);
            if (deadline != null) {
                long delay = Math.max(0, Duration.between(now, deadline).toNanos());
                timers.schedule(this::advance, delay, TimeUnit.NANOSECONDS);
            }
        }

        private void startContainer(String name, String id) {
            // Watched before it starts: a container that exits at once is heard too.
            exits.watch(id, exitListener(name));
            try {
                engine.start(id);
            } catch (EngineException e) {
                exits.forget(id);
                synchronized (this) {
                    Tracked tracked = containers.get(name);
                    tracked.starting = false;
                    tracked.exited = true;
                    lifecycle.containerStopped(name, null, StopCodes.CANNOT_START_CONTAINER + e.getMessage());
                    if (spec.container(name).essential() || lifecycle.current().startedAt() == null) {
                        stop(StopCodes.TASK_FAILED_TO_START, StopCodes.CANNOT_START_CONTAINER + e.getMessage());
                    } else {
                        advance();
                    }
                }
                return;
            }
            synchronized (this) {
                Tracked tracked = containers.get(name);
                tracked.starting = false;
                tracked.startedAt = clock.instant();
                ContainerDetails.HealthCheck check = spec.container(name).details().healthCheck();
                if (check != null) {
                    tracked.health = new HealthCheckState(check, tracked.startedAt);
                }
                lifecycle.containerStarted(name, id, bindings.getOrDefault(name, List.of()));
                ship(name);
                scheduleHealthCheck(name);
                if (tracked.exitWhileStarting != null) {
                    exited(name, tracked.exitWhileStarting.exitCode(), tracked.exitWhileStarting.oomKilled());
                } else if (stopping) {
                    // The stop waves went by while the engine was starting it.
                    int timeout = (int) spec.container(name).stopTimeout(settings.defaultStopTimeout()).toSeconds();
                    calls.execute(() -> stopQuietly(id, timeout));
                } else {
                    advance();
                }
            }
        }

        /**
         * Follows the container's output into its log on a call thread, from where an earlier agent left off, until
         * the container stops; then the log sends what it holds and closes.
         */
        private void ship(String name) {
            Tracked tracked = containers.get(name);
            ContainerLog log = tracked.log;
            if (log == null) {
                return;
            }
            Instant after = log.shippedUntil();
            calls.execute(() -> {
                LineSplitter[] splitters = {null, null};
                for (int i = 0; i < 2; i++) {
                    splitters[i] = new LineSplitter(line -> {
                        int space = line.indexOf(' ');
                        Instant time = clock.instant();
                        String text = line;
                        if (space > 0) {
                            try {
                                time = java.time.OffsetDateTime.parse(line.substring(0, space)).toInstant();
                                text = line.substring(space + 1);
                            } catch (java.time.format.DateTimeParseException e) {
                                // A line without the engine's timestamp: it was read now.
                            }
                        }
                        if (time.isAfter(after)) {
                            log.append(time, text);
                        }
                    });
                }
                try {
                    engine.follow(tracked.id, after.equals(Instant.EPOCH) ? "0"
                            : after.getEpochSecond() + "." + String.format("%09d", after.getNano()),
                            (stderr, payload) -> splitters[stderr ? 1 : 0].accept(payload, 0, payload.length));
                } catch (EngineException e) {
                    if (!calls.isShutdown()) {
                        LOG.log(Level.WARNING, "Following the output of " + name + " of " + spec.taskArn()
                                + " failed", e);
                    }
                } finally {
                    splitters[0].end();
                    splitters[1].end();
                    if (!calls.isShutdown()) {
                        log.close();
                    }
                }
            });
        }

        private ContainerExits.Listener exitListener(String name) {
            return (exitCode, oomKilled) -> exited(name, exitCode, oomKilled);
        }

        /** The container's health checks, while it runs, when it has one. */
        private void scheduleHealthCheck(String name) {
            if (containers.get(name).health != null) {
                scheduleCheck(name, spec.container(name).details().healthCheck().interval());
            }
        }

        private void scheduleCheck(String name, Duration after) {
            timers.schedule(() -> calls.execute(() -> check(name)), after.toNanos(), TimeUnit.NANOSECONDS);
        }

        /** One run of the container's health check, as Docker runs them: a timeout counts as a failure. */
        private void check(String name) {
            Tracked tracked;
            ContainerDetails.HealthCheck check = spec.container(name).details().healthCheck();
            synchronized (this) {
                tracked = containers.get(name);
                if (!tracked.running() || stopping || finished) {
                    return;
                }
            }
            boolean passed;
            try {
                passed = CompletableFuture.supplyAsync(() -> engine.exec(tracked.id, check.argv()), calls)
                        .get(check.timeout().toNanos(), TimeUnit.NANOSECONDS).exitCode() == 0;
            } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
                passed = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            synchronized (this) {
                if (!tracked.running() || stopping || finished) {
                    return;
                }
                String status = tracked.health.record(clock.instant(), passed);
                lifecycle.containerHealth(name, status);
                advance();
            }
            scheduleCheck(name, check.interval());
        }

        private synchronized void exited(String name, Integer exitCode, boolean oomKilled) {
            Tracked tracked = containers.get(name);
            if (tracked.exited) {
                return;
            }
            if (tracked.starting) {
                tracked.exitWhileStarting = new Exit(exitCode, oomKilled);
                return;
            }
            tracked.exited = true;
            tracked.exitCode = exitCode;
            lifecycle.containerStopped(name, exitCode, oomKilled ? StopCodes.OUT_OF_MEMORY : null);
            if (!stopping && spec.container(name).essential()) {
                stop(StopCodes.ESSENTIAL_CONTAINER_EXITED, StopCodes.ESSENTIAL_CONTAINER_EXITED_REASON);
            }
            if (stopping) {
                finishIfDown();
            } else {
                advance();
            }
        }

        // --- stopping --------------------------------------------------------------------------

        /**
         * The stop signal to the running containers, dependents before what they depend on, each wave once the
         * one before is down; SIGKILL after each container's stop timeout (the engine's {@code stop?t=}).
         */
        private void stopContainers() {
            List<List<String>> waves = StartOrder.stopWaves(spec);
            calls.execute(() -> {
                for (List<String> wave : waves) {
                    List<CompletableFuture<Void>> stops = new ArrayList<>();
                    for (String name : wave) {
                        Tracked tracked;
                        synchronized (this) {
                            tracked = containers.get(name);
                            if (tracked.id == null || !(tracked.running() || tracked.starting)) {
                                continue;
                            }
                        }
                        int timeout = (int) spec.container(name).stopTimeout(settings.defaultStopTimeout())
                                .toSeconds();
                        stops.add(CompletableFuture.runAsync(() -> stopQuietly(tracked.id, timeout), calls));
                    }
                    CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).join();
                }
                finishIfDown();
            });
        }

        private void stopQuietly(String id, int timeout) {
            try {
                engine.stop(id, timeout);
            } catch (EngineException e) {
                LOG.log(Level.WARNING, "Stopping container " + id + " of task " + spec.taskArn() + " failed", e);
            }
        }

        /** Once no container runs any more: keep their output, report STOPPED, then clean up. */
        private synchronized void finishIfDown() {
            if (finished || containers.values().stream().anyMatch(t -> t.running() || t.starting)) {
                return;
            }
            finished = true;
            keepOutput();
            lifecycle.stopped(stopCode, stoppedReason, null);
            calls.execute(this::cleanUp);
        }

        private void keepOutput() {
            containers.forEach((name, tracked) -> {
                if (tracked.id == null) {
                    return;
                }
                try {
                    DockerEngine.Output output = engine.logs(tracked.id);
                    Optional<Path> directory = workspace.directory(spec.taskArn(), name);
                    if (directory.isPresent()) {
                        Files.createDirectories(directory.get());
                        Files.writeString(directory.get().resolve(TaskWorkspace.STDOUT), output.stdout(),
                                StandardCharsets.UTF_8);
                        Files.writeString(directory.get().resolve(TaskWorkspace.STDERR), output.stderr(),
                                StandardCharsets.UTF_8);
                    }
                } catch (EngineException | IOException e) {
                    LOG.log(Level.WARNING, "Keeping the output of " + name + " of " + spec.taskArn() + " failed", e);
                }
            });
        }

        /** Removes the task's containers and its own volumes, and gives back its ports. */
        private void cleanUp() {
            synchronized (this) {
                // The logs of started containers close when their output ends; these never had any.
                containers.values().stream().filter(t -> t.log != null && t.startedAt == null)
                        .forEach(t -> t.log.close());
            }
            Map<String, String> created = new LinkedHashMap<>();
            containers.forEach((name, tracked) -> {
                if (tracked.id != null) {
                    created.put(name, tracked.id);
                }
            });
            created.values().forEach(exits::forget);
            removeContainers(created, 1);
        }

        /**
         * One attempt at removing the containers (name to id). Those the engine is still busy unmounting are tried
         * again on the timer thread after {@link RemovalRetry}'s back-off, no thread waiting; the task's volumes and
         * ports go once every container has had its last attempt.
         */
        private void removeContainers(Map<String, String> left, int attempt) {
            Map<String, String> busy = new LinkedHashMap<>();
            Duration wait = Duration.ZERO;
            for (Map.Entry<String, String> container : left.entrySet()) {
                try {
                    engine.remove(container.getValue());
                } catch (EngineException e) {
                    Optional<Duration> retry = RemovalRetry.next(attempt, e);
                    if (retry.isPresent()) {
                        busy.put(container.getKey(), container.getValue());
                        wait = retry.get();
                    } else if (!calls.isShutdown()) {
                        LOG.log(Level.WARNING, "Removing container " + container.getKey() + " ("
                                + container.getValue() + ") of task " + spec.taskArn() + " failed after " + attempt
                                + (attempt == 1 ? " attempt" : " attempts")
                                + "; it is left on the engine until the orphan sweep of the next agent start", e);
                    }
                }
            }
            if (!busy.isEmpty()) {
                try {
                    timers.schedule(() -> calls.execute(() -> removeContainers(busy, attempt + 1)), wait.toNanos(),
                            TimeUnit.NANOSECONDS);
                    return;
                } catch (RejectedExecutionException e) {
                    // The runtime is closing: what is left is the next agent's, as every running container is.
                }
            }
            releaseVolumesAndPorts();
        }

        private void releaseVolumesAndPorts() {
            try {
                volumes.release(spec);
            } catch (EngineException e) {
                if (!calls.isShutdown()) {
                    LOG.log(Level.WARNING, "Releasing the volumes of task " + spec.taskArn() + " failed", e);
                }
            } finally {
                ports.release(spec.taskArn());
                tasks.remove(spec.taskArn(), this);
            }
        }

        private void failToStart(String reason) {
            synchronized (this) {
                finished = true;
                lifecycle.failedToStart(reason);
            }
            cleanUp();
        }

        private synchronized boolean stoppingNow() {
            return stopping;
        }

        private Map<String, StartOrder.Observed> observed() {
            Map<String, StartOrder.Observed> observed = new HashMap<>();
            containers.forEach((name, tracked) -> observed.put(name, tracked.observed()));
            return observed;
        }
    }

    /** Why a task cannot start, with the ECS error name its reason starts with. */
    private static final class Refusal extends Exception {

        private static final long serialVersionUID = 1L;

        final String prefix;

        Refusal(String prefix, String message) {
            super(message);
            this.prefix = prefix;
        }
    }

    // --- what an earlier agent left -------------------------------------------------------------

    private static Instant adoptedStart(Adoption adoption) {
        return adoption.containers().values().stream().map(c -> ContainerState.of(c).startedAt())
                .filter(Objects::nonNull).max(Instant::compareTo).orElse(Instant.now());
    }

    /** The containers as the task's last reports described them: started ones RUNNING, the others PENDING. */
    private static Map<String, ContainerReport> adoptedReports(Adoption adoption) {
        Map<String, ContainerReport> reports = new LinkedHashMap<>();
        adoption.containers().forEach((name, container) -> {
            boolean started = ContainerState.of(container).startedAt() != null;
            reports.put(name, new ContainerReport(name, started ? "RUNNING" : "PENDING", null, null,
                    started ? bindingsOf(container) : List.of(), null, container.path("Id").asText()));
        });
        return reports;
    }

    /** The host ports the engine bound for the container, from its creation settings. */
    private static List<Binding> bindingsOf(JsonNode container) {
        List<Binding> bindings = new ArrayList<>();
        container.path("HostConfig").path("PortBindings").properties().forEach(port -> {
            String[] key = port.getKey().split("/");
            for (JsonNode hostPort : port.getValue()) {
                bindings.add(new Binding(Binding.ALL_INTERFACES, Integer.parseInt(key[0]),
                        Integer.parseInt(hostPort.path("HostPort").asText("0")), key.length > 1 ? key[1] : "tcp"));
            }
        });
        return bindings;
    }
}
