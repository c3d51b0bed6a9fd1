package io.berth.benchmarks.load;

/**
 * Everything a run measured, with the settings needed to repeat it; written as the JSON file.
 *
 * @param targetRate requests per second on the schedule
 * @param warmup the warm-up, excluded from {@code measured}
 * @param unfinished requests still without an answer when the run gave up waiting for them
 */
public record LoadReport(String scenario, String endpoint, double targetRate, int maxInFlight, long seed,
        PhaseReport warmup, PhaseReport measured, long unfinished) {
}
