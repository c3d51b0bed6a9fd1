package io.berth.localstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One service running as a child process. Its output goes to the console with the service's name
 * as prefix, and to {@code logs/<service>.log}.
 */
final class ServiceProcess {

    private static final int TAIL_LINES = 40;

    /** How long the output of a service that has exited may take to reach its log. */
    private static final Duration DRAIN_WAIT = Duration.ofSeconds(2);

    private final ServiceSpec spec;
    private final Process process;
    private final Deque<String> tail = new ArrayDeque<>();
    private volatile Thread pump;

    private ServiceProcess(ServiceSpec spec, Process process) {
        this.spec = spec;
        this.process = process;
    }

    static ServiceProcess start(ServiceSpec spec, StackSettings settings, List<String> ownOptions,
            Map<String, String> environment, PrintStream console) {
        Path runner = spec.runner(settings.repoRoot());
        if (!Files.isRegularFile(runner)) {
            throw new IllegalStateException(runner + " is missing: build with ./mvnw package -DskipTests");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(settings.javaOptionsOf(spec.name()));
        command.addAll(ownOptions);
        command.add("-jar");
        command.add(runner.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(settings.home().toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(environment);
        try {
            ServiceProcess service = new ServiceProcess(spec, builder.start());
            service.pumpOutput(settings.logs().resolve(spec.name() + ".log"), console);
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + spec.name(), e);
        }
    }

    private void pumpOutput(Path logFile, PrintStream console) throws IOException {
        Writer log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        String prefix = String.format("%-18s| ", spec.name());
        pump = new Thread(() -> {
            try (log; BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    console.println(prefix + line);
                    log.write(line);
                    log.write('\n');
                    log.flush();
                    synchronized (tail) {
                        tail.addLast(line);
                        if (tail.size() > TAIL_LINES) {
                            tail.removeFirst();
                        }
                    }
                }
            } catch (IOException e) {
                if (process.isAlive()) {
                    console.println(prefix + "(output lost: " + e.getMessage() + ")");
                }
            }
        }, spec.name() + "-output");
        pump.setDaemon(true);
        pump.start();
    }

    ServiceSpec spec() {
        return spec;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    int exitValue() {
        return process.exitValue();
    }

    List<String> lastLines() {
        synchronized (tail) {
            return List.copyOf(tail);
        }
    }

    /**
     * Asks the service to stop: SIGTERM, so Quarkus shuts down gracefully. Through its {@link ProcessHandle}, not
     * {@link Process#destroy()}, which also closes the pipe of its output: what the service said while it stopped
     * (Quarkus' "stopped in", or why it could not) was lost, the pump reading "Stream closed".
     */
    void requestStop() {
        process.toHandle().destroy();
    }

    /**
     * Waits until the service has stopped, forcing it (SIGKILL) if it is still running at {@code deadline}
     * ({@link System#nanoTime()}), then until its last lines are in its log. Returns whether it stopped by itself.
     */
    boolean awaitStop(long deadline) {
        boolean stopped = false;
        try {
            stopped = process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (!stopped) {
                process.toHandle().destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
            if (pump != null) {
                pump.join(DRAIN_WAIT.toMillis());
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        return stopped;
    }
}
