package io.berth.cluster.taskdefinition;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;

/** The task sizes Fargate offers (DG {@code task-cpu-memory-error.html}). */
final class FargateSizes {

    private static final Map<Integer, Set<Integer>> MEMORY_BY_CPU = Map.of(
            256, Set.of(512, 1024, 2048),
            512, steps(1024, 4096, 1024),
            1024, steps(2048, 8192, 1024),
            2048, steps(4096, 16_384, 1024),
            4096, steps(8192, 30_720, 1024),
            8192, steps(16_384, 61_440, 4096),
            16_384, steps(32_768, 122_880, 8192));

    /** Windows needs at least 1 vCPU, and the two largest sizes are Linux only. */
    private static final Set<Integer> WINDOWS_CPU = Set.of(1024, 2048, 4096);

    private FargateSizes() {
    }

    static boolean isCpu(int cpu, boolean windows) {
        return MEMORY_BY_CPU.containsKey(cpu) && (!windows || WINDOWS_CPU.contains(cpu));
    }

    static boolean fits(int cpu, int memory) {
        return MEMORY_BY_CPU.getOrDefault(cpu, Set.of()).contains(memory);
    }

    private static Set<Integer> steps(int from, int to, int step) {
        Set<Integer> memory = new TreeSet<>();
        IntStream.iterate(from, m -> m <= to, m -> m + step).forEach(memory::add);
        return Set.copyOf(memory);
    }
}
