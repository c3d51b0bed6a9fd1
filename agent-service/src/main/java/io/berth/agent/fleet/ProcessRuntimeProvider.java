package io.berth.agent.fleet;

import io.berth.agent.runtime.ProcessRuntime;
import io.berth.agent.runtime.Runtime;
import io.berth.agent.runtime.UtilizationListener;
import io.berth.agent.taskendpoint.TaskEndpointEnvironment;
import io.berth.agent.taskendpoint.TaskLogs;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** {@code process}: each container's command as a process on this host. */
@ApplicationScoped
public class ProcessRuntimeProvider implements RuntimeProvider {

    public static final String NAME = "process";

    private final Path directory;
    private final Path efsDirectory;
    private final TaskLogs logs;
    private final TaskEndpointEnvironment endpoints;
    private final Duration utilizationInterval;

    public ProcessRuntimeProvider(@ConfigProperty(name = "berth.agent.process.directory") Path directory,
            @ConfigProperty(name = "berth.agent.efs-directory") Path efsDirectory, TaskLogs logs,
            TaskEndpointEnvironment endpoints,
            @ConfigProperty(name = "berth.agent.process.utilization-interval") Duration utilizationInterval) {
        this.utilizationInterval = utilizationInterval;
        this.directory = directory;
        this.efsDirectory = efsDirectory;
        this.logs = logs;
        this.endpoints = endpoints;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Every process instance runs its tasks on this host, as docker instances do. */
    @Override
    public boolean choosesDynamicHostPorts() {
        return true;
    }

    @Override
    public Runtime open(UtilizationListener utilization) {
        return new ProcessRuntime(new ProcessRuntime.Settings(directory,
                ProcessRuntime.Settings.ECS_DEFAULT_STOP_TIMEOUT, efsDirectory, utilizationInterval), logs, endpoints,
                utilization);
    }
}
