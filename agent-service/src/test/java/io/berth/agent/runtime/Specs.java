package io.berth.agent.runtime;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Test data: tasks and containers with sensible defaults. */
final class Specs {

    static final String CLUSTER = "arn:aws:ecs:us-east-1:000000000000:cluster/demo";
    static final String INSTANCE = "arn:aws:ecs:us-east-1:000000000000:container-instance/demo/0123456789abcdef";

    private static int tasks;

    private Specs() {
    }

    static synchronized String taskArn() {
        tasks++;
        return String.format("arn:aws:ecs:us-east-1:000000000000:task/demo/%032x", System.nanoTime() + tasks);
    }

    static ContainerSpec container(String name, String... command) {
        return new ContainerSpec(name, "busybox", List.of(), Arrays.asList(command), Map.of(), true, List.of(), null,
                null, Map.of());
    }

    static ContainerSpec sidecar(String name, String... command) {
        return new ContainerSpec(name, "busybox", List.of(), Arrays.asList(command), Map.of(), false, List.of(), null,
                null, Map.of());
    }

    static ContainerSpec withPorts(ContainerSpec c, PortSpec... ports) {
        return new ContainerSpec(c.name(), c.image(), c.entryPoint(), c.command(), c.environment(), c.essential(),
                List.of(ports), c.stopTimeoutSeconds(), c.workingDirectory(), c.dockerLabels());
    }

    static ContainerSpec withLabels(ContainerSpec c, Map<String, String> labels) {
        return new ContainerSpec(c.name(), c.image(), c.entryPoint(), c.command(), c.environment(), c.essential(),
                c.portMappings(), c.stopTimeoutSeconds(), c.workingDirectory(), labels);
    }

    static TaskSpec task(ContainerSpec... containers) {
        return onInstance(INSTANCE, containers);
    }

    static TaskSpec onInstance(String instanceArn, ContainerSpec... containers) {
        return TaskSpec.of(taskArn(), CLUSTER, instanceArn, "web", List.of(containers));
    }
}
