package io.berth.gateway;

import io.smallrye.config.ConfigMapping;
import java.net.URI;

/** Where the owners of each resource answer; the gateway forwards commands and queries there. */
@ConfigMapping(prefix = "berth.gateway")
public interface GatewayConfig {

    URI clusterServiceUrl();

    URI schedulerServiceUrl();

    URI agentServiceUrl();

    URI scalingServiceUrl();

    URI registryServiceUrl();

    /** How long RunTask, StartTask and StopTask wait for the scheduler's answer. */
    java.time.Duration schedulerTimeout();
}
