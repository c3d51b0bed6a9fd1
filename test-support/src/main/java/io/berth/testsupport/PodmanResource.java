package io.berth.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points a Quarkus test application's docker runtime at the test JVM's Podman service ({@link SharedPodman}); tests
 * of a service that hosts docker agents fail, saying how to install Podman, when it is missing.
 */
public class PodmanResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("berth.agent.docker.host", SharedPodman.dockerHost());
    }

    @Override
    public void stop() {
        // Shared with the other test classes of this JVM; stopped by a shutdown hook.
    }
}
