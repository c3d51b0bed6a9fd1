package io.berth.agent.runtime;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A process container's usage in the shape of the Docker Engine's stats, read from Linux's {@code /proc}: CPU time
 * of the process (user and kernel), the machine's CPU time, resident memory. What a monitoring agent reading the
 * task metadata endpoint's {@code /stats} needs to compute usage between two reads.
 */
final class ProcessStats {

    /** {@code USER_HZ}: the unit of CPU times in {@code /proc}, 100 on every Linux platform Berth runs on. */
    private static final long TICKS_PER_SECOND = 100;
    private static final long NANOS_PER_TICK = 1_000_000_000L / TICKS_PER_SECOND;
    private static final long PAGE_BYTES = 4096;

    private ProcessStats() {
    }

    /** What a process used: CPU time (user and kernel) in nanoseconds, and resident memory in bytes. */
    record Usage(long cpuNanos, long residentBytes) {

        static final Usage NONE = new Usage(0, 0);

        Usage plus(Usage other) {
            return new Usage(cpuNanos + other.cpuNanos, residentBytes + other.residentBytes);
        }
    }

    /** The usage of a process and its descendants; a process that is gone adds nothing. */
    static Usage ofTree(ProcessHandle process) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(process), process.descendants())
                .map(p -> fields(p.pid()).map(ProcessStats::usage).orElse(Usage.NONE))
                .reduce(Usage.NONE, Usage::plus);
    }

    /** The fields of {@code /proc/<pid>/stat} after the command name. */
    private static Optional<String[]> fields(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name is in parentheses and may hold spaces: the fields after it start at the last ')'.
            return Optional.of(stat.substring(stat.lastIndexOf(')') + 2).split(" "));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Usage usage(String[] fields) {
        return new Usage((Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_TICK,
                Long.parseLong(fields[21]) * PAGE_BYTES);
    }

    static Optional<ObjectNode> of(String name, long pid, Integer memoryLimitMiB) {
        try {
            String[] fields = fields(pid).orElseThrow(() -> new IOException("process " + pid + " is gone"));
            long user = Long.parseLong(fields[11]);
            long kernel = Long.parseLong(fields[12]);
            long rssPages = Long.parseLong(fields[21]);
            List<String> machine = Files.readAllLines(Path.of("/proc/stat"));
            long machineTicks = 0;
            for (String value : machine.get(0).trim().split("\\s+")) {
                if (!value.equals("cpu")) {
                    machineTicks += Long.parseLong(value);
                }
            }
            JsonNodeFactory json = JsonNodeFactory.instance;
            ObjectNode stats = json.objectNode();
            stats.put("read", Instant.now().toString()).put("preread", "0001-01-01T00:00:00Z").put("name", "/" + name)
                    .put("id", Long.toString(pid));
            stats.putObject("pids_stats").put("current", 1);
            ObjectNode cpu = stats.putObject("cpu_stats");
            cpu.putObject("cpu_usage").put("total_usage", (user + kernel) * NANOS_PER_TICK)
                    .put("usage_in_usermode", user * NANOS_PER_TICK).put("usage_in_kernelmode", kernel * NANOS_PER_TICK);
            cpu.put("system_cpu_usage", machineTicks * NANOS_PER_TICK)
                    .put("online_cpus", java.lang.Runtime.getRuntime().availableProcessors());
            stats.putObject("precpu_stats");
            long memoryLimit = memoryLimitMiB == null ? java.lang.Runtime.getRuntime().maxMemory()
                    : memoryLimitMiB * 1024L * 1024L;
            stats.putObject("memory_stats").put("usage", rssPages * PAGE_BYTES).put("limit", memoryLimit);
            return Optional.of(stats);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
