package io.berth.agent.taskendpoint;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.agent.runtime.Runtime.RunningTask;
import java.util.Optional;

/** The tasks the hosted agents run now, as the task endpoints need them (implemented where the agents are). */
public interface TaskLookup {

    /** A task running on a hosted agent, with where it runs. */
    record HostedTask(RunningTask running, String availabilityZone, String group) {
    }

    Optional<HostedTask> hosted(String taskArn);

    /** A container's stats in the Docker Engine's form, where its runtime measures them. */
    Optional<JsonNode> stats(String taskArn, String containerName);
}
