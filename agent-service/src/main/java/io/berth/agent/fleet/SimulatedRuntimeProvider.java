package io.berth.agent.fleet;

import io.berth.agent.runtime.Runtime;
import io.berth.agent.runtime.SimulatedRuntime;
import io.berth.agent.runtime.UtilizationListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** {@code simulated}: virtual instances whose tasks run nothing (the default). */
@ApplicationScoped
public class SimulatedRuntimeProvider implements RuntimeProvider {

    public static final String NAME = "simulated";

    private final Duration startDelay;
    private final Duration utilizationInterval;

    public SimulatedRuntimeProvider(
            @ConfigProperty(name = "berth.agent.simulated.start-delay") Duration startDelay,
            @ConfigProperty(name = "berth.agent.simulated.utilization-interval") Duration utilizationInterval) {
        this.startDelay = startDelay;
        this.utilizationInterval = utilizationInterval;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Runtime open(UtilizationListener utilization) {
        return new SimulatedRuntime(new SimulatedRuntime.Settings(startDelay, utilizationInterval), utilization);
    }
}
