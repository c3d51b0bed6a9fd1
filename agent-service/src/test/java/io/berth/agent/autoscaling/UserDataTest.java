package io.berth.agent.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.agent.launchtemplate.UserData;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class UserDataTest {

    static String base64(String script) {
        return Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theClusterIsWhatTheScriptWritesToTheAgentsConfig() {
        assertThat(UserData.clusterOf(base64("#!/bin/bash\necho ECS_CLUSTER=prod >> /etc/ecs/ecs.config\n")))
                .isEqualTo("prod");
        assertThat(UserData.clusterOf(base64("#!/bin/bash\ncat <<'EOF' >> /etc/ecs/ecs.config\n"
                + "ECS_ENABLE_TASK_IAM_ROLE=true\nECS_CLUSTER=\"blue-team\"\nEOF\n"))).isEqualTo("blue-team");
    }

    @Test
    void withoutOneTheAgentJoinsTheDefaultCluster() {
        assertThat(UserData.clusterOf(base64("#!/bin/bash\nyum update -y\n"))).isEqualTo("default");
        assertThat(UserData.clusterOf(null)).isEqualTo("default");
        assertThat(UserData.isBase64("not base64!")).isFalse();
        assertThat(UserData.isBase64(base64("x"))).isTrue();
    }
}
