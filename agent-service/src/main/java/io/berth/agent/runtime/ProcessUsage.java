package io.berth.agent.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * The CPU time and resident memory of a task's processes and their descendants, read from Linux's {@code /proc},
 * between one sample and the next. A child that exited counts through its parent's {@code cutime}/{@code cstime}
 * once reaped.
 */
final class ProcessUsage {

    /** ECS's CPU units per vCPU. */
    static final int UNITS_PER_CPU = 1024;
    /** {@code USER_HZ}: the unit of CPU times in {@code /proc}, 100 on every Linux platform Berth runs on. */
    private static final long NANOS_PER_TICK = 10_000_000L;
    private static final long PAGE_BYTES = 4096;

    private final List<ProcessHandle> roots;
    private long ticks = -1;
    private Instant at;

    ProcessUsage(List<ProcessHandle> roots) {
        this.roots = List.copyOf(roots);
    }

    /** What was used since the previous call; null on the first call, which only sets the start. */
    synchronized Sample sample(Instant now) {
        long cpu = 0;
        long resident = 0;
        List<ProcessHandle> tree = roots.stream().flatMap(root -> Stream.concat(Stream.of(root), root.descendants()))
                .toList();
        for (ProcessHandle process : tree) {
            long[] stat = stat(process.pid(), roots.contains(process));
            cpu += stat[0];
            resident += stat[1];
        }
        Sample sample = ticks < 0 || !now.isAfter(at) ? null
                : new Sample(at, now, Math.max(0, cpu - ticks) * NANOS_PER_TICK, resident * PAGE_BYTES);
        ticks = cpu;
        at = now;
        return sample;
    }

    /** CPU ticks (with the reaped children's for a root) and resident pages; zeros for a process gone. */
    private static long[] stat(long pid, boolean withChildren) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name is in parentheses and may hold spaces: the fields after it start at the last ')'.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            if (withChildren) {
                ticks += Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
            }
            return new long[] {ticks, Long.parseLong(fields[21])};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    /** CPU nanoseconds used from {@code from} to {@code to}, and the resident bytes at {@code to}. */
    record Sample(Instant from, Instant to, long cpuNanos, long residentBytes) {

        /** The CPU used as a percentage of {@code cpus} whole CPUs over the period. */
        double cpuPercentOf(double cpus) {
            long wall = java.time.Duration.between(from, to).toNanos();
            return 100.0 * cpuNanos / (wall * cpus);
        }
    }
}
