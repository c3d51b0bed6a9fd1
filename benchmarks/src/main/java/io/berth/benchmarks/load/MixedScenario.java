package io.berth.benchmarks.load;

import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes and reads: a share {@link ScenarioSettings#writeRatio()} of the requests, picked at random,
 * mutate the cluster (RunTask of one task, RegisterTaskDefinition of a new revision and
 * UpdateClusterSettings, in turn); the rest are the {@link ReadsScenario} mix.
 */
final class MixedScenario implements Scenario {

    private final ScenarioSettings settings;
    private final Random random;
    private final ReadsScenario reads;
    private final AtomicLong writes = new AtomicLong();

    MixedScenario(ScenarioSettings settings) {
        this.settings = settings;
        this.random = new Random(settings.seed());
        this.reads = new ReadsScenario(settings, random);
    }

    @Override
    public void setUp(Setup setup) {
        reads.setUp(setup);
    }

    @Override
    public EcsRequest next() {
        return random.nextDouble() < settings.writeRatio() ? nextWrite() : reads.next();
    }

    private EcsRequest nextWrite() {
        long n = writes.getAndIncrement();
        String cluster = settings.cluster();
        return switch ((int) (n % 3)) {
            case 0 -> EcsRequests.runTask(cluster, Fleet.FAMILY, 1);
            case 1 -> EcsRequests.registerTaskDefinition(Fleet.FAMILY);
            default -> EcsRequests.updateClusterSettings(cluster, n / 3 % 2 == 0);
        };
    }
}
