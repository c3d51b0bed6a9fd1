package io.berth.benchmarks.load;

/**
 * What every scenario is told about the run.
 *
 * @param cluster the name of the cluster the scenario creates and loads, fresh for each run
 * @param region the region of the caller, used for the instances' availability zones
 * @param instances how many container instances the setup registers
 * @param writeRatio the share of mutating requests in the {@code mixed} scenario, from 0 to 1
 * @param seed the seed of every random choice, so that a run's sequence of requests can be repeated
 */
public record ScenarioSettings(String cluster, String region, int instances, double writeRatio, long seed) {

    public ScenarioSettings {
        if (instances < 0) {
            throw new IllegalArgumentException("instances must not be negative");
        }
        if (!(writeRatio >= 0 && writeRatio <= 1)) {
            throw new IllegalArgumentException("the write ratio must be between 0 and 1");
        }
    }
}
