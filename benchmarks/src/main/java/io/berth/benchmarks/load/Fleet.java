package io.berth.benchmarks.load;

/**
 * What every scenario runs on: a fresh cluster, one task definition family and
 * {@link ScenarioSettings#instances()} container instances with room for many tasks.
 */
final class Fleet {

    static final String FAMILY = "berth-load";

    private Fleet() {
    }

    static void prepare(Setup setup, ScenarioSettings settings) {
        setup.require(EcsRequests.createCluster(settings.cluster()));
        setup.require(EcsRequests.registerTaskDefinition(FAMILY));
        for (int i = 0; i < settings.instances(); i++) {
            setup.require(EcsRequests.registerContainerInstance(settings.cluster(), settings.region(), i));
        }
    }
}
