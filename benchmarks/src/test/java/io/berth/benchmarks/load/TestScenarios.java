package io.berth.benchmarks.load;

import java.util.concurrent.atomic.AtomicInteger;

/** Scenarios for tests of the driver, which cares about operations, not bodies. */
final class TestScenarios {

    private TestScenarios() {
    }

    /** Requests with an empty body naming the given operations in turn, without setup. */
    static Scenario cycling(String... operations) {
        AtomicInteger next = new AtomicInteger();
        return new Scenario() {
            @Override
            public void setUp(Setup setup) {
            }

            @Override
            public EcsRequest next() {
                return new EcsRequest(operations[next.getAndIncrement() % operations.length], "{}");
            }
        };
    }
}
