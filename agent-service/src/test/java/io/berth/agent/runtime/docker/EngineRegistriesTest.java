package io.berth.agent.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** Where Podman's registries.conf sends a registry, and the credentials that must follow the pull there. */
class EngineRegistriesTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ECR = "000000000000.dkr.ecr.us-east-1.amazonaws.com";

    /** The {@code registries} member of Podman 4.3's {@code /libpod/info}, as a stack's Podman answers it. */
    static EngineRegistries podman() throws Exception {
        JsonNode info = JSON.readTree("""
                {"search": ["docker.io"],
                 "*.dkr.ecr.us-east-1.amazonaws.com": {"Prefix": "*.dkr.ecr.us-east-1.amazonaws.com",
                   "Location": "localhost:8085", "Insecure": true, "Mirrors": null, "Blocked": false},
                 "registry.example.com/team": {"Prefix": "registry.example.com/team", "Location": "",
                   "Mirrors": [{"Location": "mirror.example.com:5000/team", "Insecure": false}]},
                 "registry.example.com/team/special": {"Prefix": "registry.example.com/team/special",
                   "Location": "special.example.com/x", "Mirrors": null}}""");
        return EngineRegistries.fromPodmanInfo(info);
    }

    @Test
    void aWildcardPrefixSendsEveryHostOfItsDomainToTheLocation() throws Exception {
        assertThat(podman().endpointsFor(ECR + "/web")).containsExactly("localhost:8085");
        assertThat(podman().endpointsFor("111122223333.dkr.ecr.us-east-1.amazonaws.com/team/app"))
                .containsExactly("localhost:8085");
        assertThat(podman().endpointsFor("000000000000.dkr.ecr.eu-west-1.amazonaws.com/web")).isEmpty();
    }

    @Test
    void theLongestMatchingPrefixDecidesAndMirrorsCount() throws Exception {
        assertThat(podman().endpointsFor("registry.example.com/team/app")).containsExactly("mirror.example.com:5000");
        assertThat(podman().endpointsFor("registry.example.com/team/special/app"))
                .containsExactly("special.example.com");
        assertThat(podman().endpointsFor("registry.example.com/teams/app")).isEmpty();
        assertThat(EngineRegistries.NONE.endpointsFor(ECR + "/web")).isEmpty();
    }

    @Test
    void credentialsOfARewrittenRegistryGoAsPodmansMapByEndpointAndAsTheyAreOtherwise() throws Exception {
        ObjectNode auth = JSON.createObjectNode().put("username", "AWS").put("password", "token")
                .put("serveraddress", "https://" + ECR);

        ObjectNode rewritten = DockerEngine.registryAuth(podman(), ImageReference.parse(ECR + "/web:1.0"), auth);
        ObjectNode direct = DockerEngine.registryAuth(EngineRegistries.NONE, ImageReference.parse(ECR + "/web:1.0"),
                auth);

        assertThat(rewritten.properties()).extracting(java.util.Map.Entry::getKey)
                .containsExactly(ECR, "localhost:8085");
        assertThat(rewritten.path("localhost:8085")).isEqualTo(auth);
        assertThat(direct).isEqualTo(auth);
    }
}
