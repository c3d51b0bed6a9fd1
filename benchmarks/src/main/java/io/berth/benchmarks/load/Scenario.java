package io.berth.benchmarks.load;

/**
 * A workload: setup steps run once, one after another, before the clock starts; then an endless
 * supply of requests, one per slot of the schedule. {@link #next()} may be called from any thread.
 */
public interface Scenario {

    /** Prepares the server for the workload; an exception here ends the run before any load is sent. */
    void setUp(Setup setup);

    /** The request for the next slot of the schedule. */
    EcsRequest next();
}
