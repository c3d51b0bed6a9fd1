package io.berth.localstack;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * After a launcher was killed (kill -9, a crash), its services and database may still run and hold
 * the ports and the data directory. They are recorded in {@code children.pids}; this ends the ones
 * that are still ours.
 */
final class StaleProcesses {

    private StaleProcesses() {
    }

    static void killLeftoversOf(StackSettings settings, PrintStream out) throws IOException {
        if (!Files.exists(settings.childrenFile())) {
            return;
        }
        List<String> pids = Files.readAllLines(settings.childrenFile());
        for (String line : pids) {
            if (line.isBlank()) {
                continue;
            }
            ProcessHandle.of(Long.parseLong(line.trim()))
                    .filter(ProcessHandle::isAlive)
                    .filter(StaleProcesses::isBerthProcess)
                    .ifPresent(p -> {
                        out.println("Stopping a leftover process of an earlier run: pid " + p.pid());
                        p.destroy();
                        try {
                            p.onExit().get(20, TimeUnit.SECONDS);
                        } catch (Exception e) {
                            p.destroyForcibly();
                        }
                    });
        }
        Files.delete(settings.childrenFile());
    }

    private static boolean isBerthProcess(ProcessHandle process) {
        return process.info().commandLine()
                .map(c -> c.contains("quarkus-run.jar") || c.contains("postgres"))
                .orElse(false);
    }
}
