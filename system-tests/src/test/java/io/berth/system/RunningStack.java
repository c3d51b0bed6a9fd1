package io.berth.system;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A {@code ./berth up} started from the repository root, with its output captured. */
final class RunningStack {

    private final Path home;
    private final Path output;
    private final Process process;

    private RunningStack(Path home, Path output, Process process) {
        this.home = home;
        this.output = output;
        this.process = process;
    }

    static RunningStack start(Path home) throws IOException {
        return start(home, java.util.Map.of());
    }

    /** A stack with more of the local stack's environment keys set, e.g. {@code BERTH_FLEET}. */
    static RunningStack start(Path home, java.util.Map<String, String> environment) throws IOException {
        Path output = Files.createTempFile("berth-up", ".log");
        // Read by the test that started it, whether it passed or failed; gone when the test run ends.
        output.toFile().deleteOnExit();
        ProcessBuilder builder = new ProcessBuilder("./berth", "up")
                .directory(LocalStackIT.repoRoot().toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().put("BERTH_HOME", home.toString());
        // Service auto scaling on a test's time scale: two-second CloudWatch periods, a sample a second.
        builder.environment().put("BERTH_SCALING_METRIC_PERIOD", "PT2S");
        builder.environment().put("BERTH_SIMULATED_UTILIZATION_INTERVAL", "PT1S");
        builder.environment().put("BERTH_PROCESS_UTILIZATION_INTERVAL", "PT1S");
        // Cluster auto scaling on the same time scale: CapacityProviderReservation at least every two seconds, which is
        // also the datapoint of managed scaling's alarms (ADR 0042).
        builder.environment().put("BERTH_CAPACITY_MEASUREMENT_PERIOD", "PT2S");
        // A deleted image's content is collected within seconds, so that a test can see it go.
        builder.environment().put("BERTH_REGISTRY_GC_GRACE", "PT2S");
        builder.environment().put("BERTH_REGISTRY_GC_INTERVAL", "PT2S");
        builder.environment().putAll(environment);
        return new RunningStack(home, output, builder.start());
    }

    Path home() {
        return home;
    }

    String output() throws IOException {
        return Files.readString(output, StandardCharsets.UTF_8);
    }

    void awaitUp() {
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new AssertionError("./berth up exited " + process.exitValue() + ":\n" + output());
                    }
                    return output().contains("Berth is up in");
                });
    }

    int waitForExit(Duration atMost) throws InterruptedException {
        if (!process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("./berth up did not exit");
        }
        return process.exitValue();
    }

    /** The launcher, everything it started, and the PostgreSQL server (which pg_ctl detaches). */
    List<ProcessHandle> allProcesses() throws IOException {
        List<ProcessHandle> all = new ArrayList<>();
        all.add(process.toHandle());
        process.toHandle().descendants().forEach(all::add);
        Path postmaster = home.resolve("postgres/data/postmaster.pid");
        if (Files.exists(postmaster)) {
            long pid = Long.parseLong(Files.readAllLines(postmaster).get(0).trim());
            ProcessHandle.of(pid).ifPresent(pg -> {
                all.add(pg);
                pg.descendants().forEach(all::add);
            });
        }
        return all;
    }

    void killEverythingHard() throws IOException {
        List<ProcessHandle> all = allProcesses();
        all.forEach(ProcessHandle::destroyForcibly);
        await().atMost(Duration.ofSeconds(30)).until(() -> all.stream().noneMatch(ProcessHandle::isAlive));
    }

    /** {@code ./berth down}, as a user types it in another terminal. */
    void down() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("./berth", "down")
                .directory(LocalStackIT.repoRoot().toFile())
                .redirectErrorStream(true);
        builder.environment().put("BERTH_HOME", home.toString());
        Process down = builder.start();
        down.getOutputStream().close();
        String said = new String(down.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!down.waitFor(3, TimeUnit.MINUTES) || down.exitValue() != 0) {
            throw new AssertionError("./berth down failed: " + said);
        }
        process.waitFor(1, TimeUnit.MINUTES);
    }

    /**
     * Whatever a failed test left running must not outlive the test run: the processes (gone before this returns,
     * so that nothing writes in {@code BERTH_HOME} while it is removed), and the containers of the stack's own Podman
     * (which outlive the stack, as docker tasks outlive their agent).
     */
    void forceCleanUp() throws IOException {
        try {
            killEverythingHard();
        } finally {
            try {
                io.berth.localstack.PodmanService.removeEverything(home.resolve("podman"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
