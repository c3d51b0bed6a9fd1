package io.berth.benchmarks.load;

import java.util.List;

/**
 * What every scenario runs on: a fresh cluster, one task definition family and
 * {@link ScenarioSettings#instances()} container instances with room for many tasks.
 */
final class Fleet {

    static final String FAMILY = "berth-load";

    private Fleet() {
    }

    /** The error of an endpoint that, like moto_server, registers only instances its EC2 knows. */
    static final String UNKNOWN_INSTANCE = "InvalidInstanceID.NotFound";

    static void prepare(Setup setup, ScenarioSettings settings) {
        setup.require(EcsRequests.createCluster(settings.cluster()));
        setup.require(EcsRequests.registerTaskDefinition(FAMILY));
        if (settings.instances() == 0) {
            return;
        }
        EcsResponse first = setup.call(EcsRequests.registerContainerInstance(settings.cluster(), settings.region(),
                0, EcsRequests.instanceId(0)));
        if (UNKNOWN_INSTANCE.equals(first.json().path("__type").asText())) {
            List<String> ids = setup.runInstances(settings.instances(), EcsRequests.INSTANCE_TYPE);
            for (int i = 0; i < settings.instances(); i++) {
                setup.require(EcsRequests.registerContainerInstance(settings.cluster(), settings.region(), i,
                        ids.get(i)));
            }
            return;
        }
        if (!first.successful()) {
            throw new IllegalStateException("Setup step RegisterContainerInstance failed with HTTP " + first.status()
                    + ": " + first.body());
        }
        for (int i = 1; i < settings.instances(); i++) {
            setup.require(EcsRequests.registerContainerInstance(settings.cluster(), settings.region(), i,
                    EcsRequests.instanceId(i)));
        }
    }
}
