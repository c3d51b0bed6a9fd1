package io.berth.benchmarks.load;

/**
 * RunTask bursts: every request asks for {@value #BURST} tasks on the prepared fleet. Tasks are
 * never stopped, so a long run needs enough instances: 4,096 tasks fit on each.
 */
final class RunTaskScenario implements Scenario {

    static final int BURST = 10;

    private final ScenarioSettings settings;

    RunTaskScenario(ScenarioSettings settings) {
        this.settings = settings;
    }

    @Override
    public void setUp(Setup setup) {
        Fleet.prepare(setup, settings);
    }

    @Override
    public EcsRequest next() {
        return EcsRequests.runTask(settings.cluster(), Fleet.FAMILY, BURST);
    }
}
