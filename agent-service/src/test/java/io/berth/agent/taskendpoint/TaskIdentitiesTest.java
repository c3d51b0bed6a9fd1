package io.berth.agent.taskendpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.agent.runtime.ContainerSpec;
import io.berth.agent.runtime.TaskSpec;
import io.berth.agent.taskendpoint.TaskIdentities.RoleOfTask;
import io.berth.ecs.credentials.Sealer;
import io.berth.ecs.credentials.SessionCredentials;
import io.berth.ecs.credentials.SessionCredentials.Credentials;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ids of the task endpoints' URLs and the credentials behind them say whom they stand for, and nobody forges them. */
class TaskIdentitiesTest {

    private static final String SECRET = "berth-test-secret-0123456789abcdef";
    private static final String TASK = "arn:aws:ecs:eu-west-1:123456789012:task/prod/0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c";
    private static final String ROLE = "arn:aws:iam::123456789012:role/web-task";

    private final TaskIdentities identities = new TaskIdentities(SECRET, Duration.ofHours(6));
    private final TaskSpec task = TaskSpec.of(TASK, "arn:aws:ecs:eu-west-1:123456789012:cluster/prod",
            "arn:aws:ecs:eu-west-1:123456789012:container-instance/prod/0123456789abcdef", "web",
            List.of(new ContainerSpec("app", "busybox", List.of(), List.of(), Map.of(), true, List.of(), null, null,
                    Map.of()))).withTaskRole(ROLE);

    @Test
    void aCredentialsIdNamesTheTaskAndItsRole() {
        String id = identities.credentialsId(task, ROLE);

        assertThat(identities.credentialsOf(id)).contains(new RoleOfTask("123456789012", TASK, ROLE));
    }

    @Test
    void anIdSealedWithAnotherSecretOrChangedOpensAsNothing() {
        String foreign = new TaskIdentities("another-secret-0123456789abcdefghij", Duration.ofHours(6))
                .credentialsId(task, ROLE);
        String id = identities.credentialsId(task, ROLE);
        String changed = id.substring(0, id.length() - 2) + (id.endsWith("AA") ? "BB" : "AA");

        assertThat(identities.credentialsOf(foreign)).isEmpty();
        assertThat(identities.credentialsOf(changed)).isEmpty();
        assertThat(identities.credentialsOf("not-an-id")).isEmpty();
        assertThat(identities.metadataOf(id)).as("a credentials id is no metadata id").isEmpty();
    }

    @Test
    void aMetadataIdNamesTheTaskAndContainer() {
        assertThat(identities.metadataOf(identities.metadataId(task, task.containers().get(0))))
                .hasValueSatisfying(parts -> assertThat(parts).containsExactly(TASK, "app"));
    }

    @Test
    void issuedCredentialsOpenAtTheGatewayAsTheRoleOfTheTaskUntilTheyExpire() {
        Credentials issued = identities.issue("123456789012", TASK, ROLE, SessionCredentials.TASK);
        Credentials opened = new SessionCredentials(new Sealer(SECRET)).open(issued.sessionToken()).orElseThrow();

        assertThat(issued.accessKeyId()).startsWith("ASIA").hasSize(20);
        assertThat(opened.accessKeyId()).isEqualTo(issued.accessKeyId());
        assertThat(opened.secretAccessKey()).isEqualTo(issued.secretAccessKey());
        assertThat(opened.identity().taskArn()).isEqualTo(TASK);
        assertThat(opened.identity().roleArn()).isEqualTo(ROLE);
        assertThat(opened.identity().expiration()).isBetween(Instant.now().plus(Duration.ofHours(5)),
                Instant.now().plus(Duration.ofHours(6)));
    }

    @Test
    void theAgentActsWithTheExecutionRoleAndWithoutOneWithTheInstancesRole() {
        assertThat(identities.forAgent(task).identity().roleArn())
                .isEqualTo("arn:aws:iam::123456789012:role/ecsInstanceRole");
        assertThat(identities.forAgent(task).identity().kind()).isEqualTo(SessionCredentials.INSTANCE);
    }
}
