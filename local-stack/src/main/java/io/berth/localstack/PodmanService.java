package io.berth.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Docker-compatible engine for machines without Docker: Podman's API service on a unix socket of its own, with
 * storage of its own under one directory, so that it neither touches nor sees the machine's other containers. It
 * runs containers with {@code runc} and lowered default ulimits (what works on these machines, see
 * {@code /work/shared/infra.md}), and has one local image, {@value #BUSYBOX}, made from Debian's static busybox:
 * no registry is reachable, so images are made here. ECR's registry host names reach Berth's registry: its
 * {@code registries.conf} is {@link RegistryHosts}', so that the docker instances' tasks pull the ECR images they name
 * from {@code localhost:8085}.
 */
public final class PodmanService implements AutoCloseable {

    /** The image every Podman service started here has: a static busybox, with {@code sh}, {@code httpd}, ... */
    public static final String BUSYBOX = "localhost/berth/busybox:latest";
    public static final String INSTALL_HINT = "The docker runtime needs a Docker engine: install Podman with"
            + " 'apt-get install podman runc busybox-static' (Debian) or point DOCKER_HOST at a Docker socket.";

    private static final String BUSYBOX_BINARY = "/bin/busybox";
    /** The applets the images' users call by name. */
    private static final List<String> APPLETS = List.of("sh", "ls", "cat", "echo", "sleep", "httpd", "wget", "mkdir",
            "env", "id", "pwd", "true", "false", "touch", "kill", "trap", "test", "date", "ps", "grep", "tee", "rm",
            "nc", "head", "tail", "wc", "stat", "printenv", "ulimit", "seq");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final int REMOVAL_ATTEMPTS = 5;
    private static final Duration REMOVAL_PAUSE = Duration.ofSeconds(1);

    private final Path directory;
    private final Process process;

    private PodmanService(Path directory, Process process) {
        this.directory = directory;
        this.process = process;
    }

    /**
     * Starts the service with its storage, configuration, socket and log under {@code directory} (kept between
     * starts, so containers and volumes survive a restart), and imports {@link #BUSYBOX} if it is missing.
     *
     * @throws IllegalStateException with {@link #INSTALL_HINT} when podman, runc or busybox-static is missing
     */
    public static PodmanService start(Path directory) {
        return start(directory, "localhost:" + RegistryHosts.PORT);
    }

    /** {@link #start(Path)} for a stack whose registry is at {@code registryLocation} (host and port). */
    public static PodmanService start(Path directory, String registryLocation) {
        for (String tool : List.of("/usr/bin/podman", "/usr/sbin/runc", BUSYBOX_BINARY)) {
            if (!Files.isExecutable(Path.of(tool))) {
                throw new IllegalStateException(tool + " is missing. " + INSTALL_HINT);
            }
        }
        try {
            requireStaticBusybox();
            Files.createDirectories(directory);
            Files.deleteIfExists(socket(directory));
            Files.writeString(configuration(directory), """
                    [containers]
                    default_ulimits = ["nofile=1024:1024", "nproc=4096:4096"]
                    [engine]
                    runtime = "runc"
                    """);
            Files.writeString(registries(directory), RegistryHosts.registriesConf(registryLocation));
            List<String> command = podman(directory, "system", "service", "--time=0",
                    "unix://" + socket(directory));
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(directory.resolve("podman.log").toFile()).start();
            process.getOutputStream().close();
            PodmanService service = new PodmanService(directory, process);
            service.awaitSocket();
            service.importBusybox();
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting Podman", e);
        }
    }

    /**
     * Whether a Docker engine answers at {@code dockerHost} ({@code unix://<path>}): its {@code /_ping} says OK.
     * Other schemes are taken on trust, since only the agent-service talks to them.
     */
    public static boolean answers(String dockerHost) {
        if (!dockerHost.startsWith("unix://")) {
            return true;
        }
        Path socket = Path.of(dockerHost.substring("unix://".length()));
        if (!Files.exists(socket)) {
            return false;
        }
        try (java.nio.channels.SocketChannel channel = java.nio.channels.SocketChannel.open(
                java.net.UnixDomainSocketAddress.of(socket))) {
            channel.write(java.nio.ByteBuffer.wrap("GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII)));
            java.nio.ByteBuffer answer = java.nio.ByteBuffer.allocate(64);
            channel.read(answer);
            return new String(answer.array(), 0, answer.position(), StandardCharsets.US_ASCII).contains(" 200 ");
        } catch (IOException e) {
            return false;
        }
    }

    /** The {@code DOCKER_HOST} of this service. */
    public String dockerHost() {
        return "unix://" + socket(directory);
    }

    public long pid() {
        return process.pid();
    }

    /** Runs a podman command against this service's storage; returns its output, throws when it fails. */
    public String podman(String... arguments) throws IOException, InterruptedException {
        return run(directory, arguments);
    }

    /**
     * Removes every container (killed at once) and volume kept in the storage under {@code directory}, whether a
     * service runs on it or not: what tests do when they are done, so that no container outlives them.
     */
    public static void removeEverything(Path directory) throws IOException, InterruptedException {
        if (Files.isDirectory(directory.resolve("storage"))) {
            repeated(REMOVAL_ATTEMPTS, REMOVAL_PAUSE, () -> run(directory, "rm", "--all", "--force", "--time", "0"));
            repeated(REMOVAL_ATTEMPTS, REMOVAL_PAUSE, () -> run(directory, "volume", "rm", "--all", "--force"));
        }
    }

    /** One podman command, for {@link #repeated}. */
    @FunctionalInterface
    interface Attempt {
        void run() throws IOException, InterruptedException;
    }

    /**
     * Runs {@code attempt} until it succeeds, at most {@code attempts} times with {@code pause} between them, and
     * throws the last failure. Podman 4.3's removal of a container it has just killed races the container's own
     * clean-up (conmon unmounting the container's {@code /dev/shm}) and fails now and then with {@code unlinkat
     * .../userdata/shm: device or resource busy} (podman issues 10454, 11594); the same removal a moment later
     * succeeds. A removal that fails for another reason fails the same way each time and is reported.
     */
    static void repeated(int attempts, Duration pause, Attempt attempt) throws IOException, InterruptedException {
        for (int made = 1; ; made++) {
            try {
                attempt.run();
                return;
            } catch (IOException e) {
                if (made >= attempts) {
                    throw e;
                }
                Thread.sleep(pause.toMillis());
            }
        }
    }

    private static String run(Path directory, String... arguments) throws IOException, InterruptedException {
        Process run = new ProcessBuilder(podman(directory, arguments)).redirectErrorStream(true).start();
        run.getOutputStream().close();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!run.waitFor(5, TimeUnit.MINUTES) || run.exitValue() != 0) {
            throw new IOException("podman " + String.join(" ", arguments) + " failed: " + output);
        }
        return output;
    }

    /** Stops the service; the containers it runs go on (they belong to conmon, not to the service). */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitSocket() throws InterruptedException, IOException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (!Files.exists(socket(directory))) {
            if (!process.isAlive()) {
                throw new IllegalStateException("podman system service exited with " + process.exitValue() + ": "
                        + Files.readString(directory.resolve("podman.log")) + " " + INSTALL_HINT);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("podman system service did not open " + socket(directory)
                        + " within " + READY_TIMEOUT.toSeconds() + " s");
            }
            Thread.sleep(50);
        }
    }

    /** The image holds busybox alone, without a C library: Debian's dynamically linked busybox would not run. */
    private static void requireStaticBusybox() throws IOException, InterruptedException {
        Process ldd = new ProcessBuilder("ldd", BUSYBOX_BINARY).redirectErrorStream(true).start();
        String output = new String(ldd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        ldd.waitFor();
        if (!output.contains("not a dynamic executable")) {
            throw new IllegalStateException(BUSYBOX_BINARY + " is linked dynamically. " + INSTALL_HINT);
        }
    }

    /** A root filesystem of the static busybox and links to its applets, imported as {@link #BUSYBOX}. */
    private void importBusybox() throws IOException, InterruptedException {
        if (podman("images", "-q", BUSYBOX).isBlank()) {
            Path rootfs = directory.resolve("busybox-rootfs");
            Path bin = Files.createDirectories(rootfs.resolve("bin"));
            Files.copy(Path.of(BUSYBOX_BINARY), bin.resolve("busybox"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            for (String applet : APPLETS) {
                Path link = bin.resolve(applet);
                if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.createSymbolicLink(link, Path.of("busybox"));
                }
            }
            Files.createDirectories(rootfs.resolve("tmp"));
            Path tar = directory.resolve("busybox.tar");
            Process pack = new ProcessBuilder("tar", "-C", rootfs.toString(), "-cf", tar.toString(), ".")
                    .redirectErrorStream(true).start();
            if (pack.waitFor() != 0) {
                throw new IOException("tar of the busybox root filesystem failed: "
                        + new String(pack.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            }
            podman("import", tar.toString(), BUSYBOX);
        }
    }

    private static List<String> podman(Path directory, String... arguments) {
        List<String> command = new ArrayList<>(List.of("env", "CONTAINERS_CONF=" + configuration(directory),
                "CONTAINERS_REGISTRIES_CONF=" + registries(directory),
                "/usr/bin/podman", "--root", directory.resolve("storage").toString(), "--runroot",
                directory.resolve("run").toString()));
        command.addAll(List.of(arguments));
        return command;
    }

    private static Path socket(Path directory) {
        return directory.resolve("podman.sock");
    }

    private static Path configuration(Path directory) {
        return directory.resolve("containers.conf");
    }

    private static Path registries(Path directory) {
        return directory.resolve("registries.conf");
    }
}
