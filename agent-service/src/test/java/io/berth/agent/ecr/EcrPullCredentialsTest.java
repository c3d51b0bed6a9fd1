package io.berth.agent.ecr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.berth.agent.runtime.ContainerSpec;
import io.berth.agent.runtime.RegistryCredentials;
import io.berth.agent.runtime.RegistryCredentials.Credentials;
import io.berth.agent.runtime.TaskSpec;
import io.berth.ecs.Caller;
import io.berth.testsupport.TestClock;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ECR pull credentials as the ECS agent gets them, with GetAuthorizationToken's answers given here. */
class EcrPullCredentialsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String REGISTRY = "111122223333.dkr.ecr.eu-west-1.amazonaws.com";
    static final String TASK = "arn:aws:ecs:us-east-1:111122223333:task/prod/0123456789abcdef0123456789abcdef";

    final List<String> asked = new ArrayList<>();
    final TestClock clock = new TestClock(Instant.parse("2026-12-05T10:00:00Z"));
    String proxyEndpoint = "https://" + REGISTRY;

    final EcrPullCredentials credentials = new EcrPullCredentials(this::token, clock);

    /** GetAuthorizationToken's answer: a password naming who asked, valid for 12 hours from now. */
    JsonNode token(Caller caller, String registryId) {
        asked.add(caller.account() + "@" + caller.region() + " for " + registryId);
        ArrayNode data = JSON.createArrayNode();
        data.addObject().put("authorizationToken", Base64.getEncoder().encodeToString(("AWS:password-" + asked.size())
                        .getBytes(StandardCharsets.UTF_8)))
                .put("expiresAt", clock.instant().plus(Duration.ofHours(12)).getEpochSecond() + 0.5)
                .put("proxyEndpoint", proxyEndpoint);
        return data;
    }

    static TaskSpec task(String executionRoleArn) {
        return TaskSpec.of(TASK, "arn:aws:ecs:us-east-1:111122223333:cluster/prod",
                "arn:aws:ecs:us-east-1:111122223333:container-instance/prod/i1", "web", 1, TaskSpec.BRIDGE,
                List.of(new ContainerSpec("app", REGISTRY + "/web:1.0", null, List.of("true"), null, true, null, null,
                        null, null)), List.of(), executionRoleArn);
    }

    @Test
    void theExecutionRoleAsksForTheImagesRegistryInItsRegion() {
        Credentials got = credentials.lookup(REGISTRY, task("arn:aws:iam::111122223333:role/exec")).orElseThrow();

        assertThat(asked).containsExactly("111122223333@eu-west-1 for 111122223333");
        assertThat(got).isEqualTo(new Credentials("AWS", "password-1", "https://" + REGISTRY));
    }

    @Test
    void withoutAnExecutionRoleTheInstancesRoleAsksWhichIsTheTasksAccount() {
        credentials.lookup(REGISTRY, task(null));
        credentials.lookup(REGISTRY, task("arn:aws:iam::444455556666:role/elsewhere"));

        assertThat(asked).containsExactly("111122223333@eu-west-1 for 111122223333",
                "444455556666@eu-west-1 for 111122223333");
    }

    @Test
    void otherRegistriesNeedNoCredentials() {
        assertThat(credentials.lookup("localhost:8085", task(null))).isEmpty();
        assertThat(credentials.lookup(null, task(null))).isEmpty();
        assertThat(credentials.lookup("public.ecr.aws", task(null))).isEmpty();
        assertThat(asked).isEmpty();
    }

    @Test
    void aTokenIsKeptPerRoleUntilHalfAnHourBeforeItExpires() {
        TaskSpec task = task("arn:aws:iam::111122223333:role/exec");
        credentials.lookup(REGISTRY, task);
        clock.advance(Duration.ofHours(11).plusMinutes(29));
        assertThat(credentials.lookup(REGISTRY, task).orElseThrow().password()).isEqualTo("password-1");
        credentials.lookup(REGISTRY, task("arn:aws:iam::111122223333:role/other"));

        // The token expires half a second past the hour (the answer's fraction), so the margin ends a second later.
        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        assertThat(credentials.lookup(REGISTRY, task).orElseThrow().password()).isEqualTo("password-3");
        assertThat(asked).hasSize(3);
    }

    @Test
    void anAnswerForAnotherRegistryIsRefused() {
        proxyEndpoint = "https://999999999999.dkr.ecr.eu-west-1.amazonaws.com";

        assertThatThrownBy(() -> credentials.lookup(REGISTRY, task(null)))
                .isInstanceOf(RegistryCredentials.Unavailable.class)
                .hasMessageContaining("answered for 'https://999999999999.dkr.ecr.eu-west-1.amazonaws.com'");
    }

    @Test
    void theRegistrysRefusalIsPassedOnAndNothingIsKept() {
        EcrPullCredentials refusing = new EcrPullCredentials((caller, registryId) -> {
            asked.add(registryId);
            throw new RegistryCredentials.Unavailable("InvalidParameterException: Berth serves only the caller's"
                    + " own registry");
        }, Clock.systemUTC());

        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> refusing.lookup(REGISTRY, task("arn:aws:iam::444455556666:role/x")))
                    .isInstanceOf(RegistryCredentials.Unavailable.class)
                    .hasMessageStartingWith("InvalidParameterException: ");
        }
        assertThat(asked).hasSize(2);
    }
}
