package io.berth.benchmarks.load;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Services created and then scaled up step by step: each service gets CreateService with a desired
 * count of 0, then UpdateService to 1, 2, … {@value #RAMP}. Requests go round-robin over
 * {@value #WINDOW} services at a time, so two steps of one service are {@value #WINDOW} slots apart
 * and the create has usually been answered before the first update. A server without services
 * answers with errors, which the figures count by {@code __type}.
 */
final class ServiceRampScenario implements Scenario {

    static final int WINDOW = 10;
    static final int RAMP = 5;

    private final ScenarioSettings settings;
    private final AtomicLong slots = new AtomicLong();

    ServiceRampScenario(ScenarioSettings settings) {
        this.settings = settings;
    }

    @Override
    public void setUp(Setup setup) {
        Fleet.prepare(setup, settings);
    }

    @Override
    public EcsRequest next() {
        long slot = slots.getAndIncrement();
        long round = slot / WINDOW;
        long service = round / (RAMP + 1) * WINDOW + slot % WINDOW;
        int step = (int) (round % (RAMP + 1));
        String name = "berth-load-" + service;
        return step == 0
                ? EcsRequests.createService(settings.cluster(), name, Fleet.FAMILY)
                : EcsRequests.updateService(settings.cluster(), name, step);
    }
}
