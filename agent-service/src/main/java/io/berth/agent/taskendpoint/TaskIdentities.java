package io.berth.agent.taskendpoint;

import io.berth.agent.runtime.ContainerSpec;
import io.berth.agent.runtime.TaskSpec;
import io.berth.ecs.credentials.Sealer;
import io.berth.ecs.credentials.SessionCredentials;
import io.berth.ecs.credentials.SessionCredentials.Credentials;
import io.berth.ecs.credentials.SessionCredentials.Identity;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The ids in the task endpoints' URLs and the credentials the agent hands out. Both are sealed with the secret this
 * service shares with the gateway ({@code BERTH_CREDENTIALS_SECRET}, ADR 0028): an id says which task (and role, or
 * container) it stands for without a table behind it, so it goes on working after this service restarts (docker
 * containers outlive it and keep their environment), and the gateway reads from the credentials alone which task and
 * role made a call.
 */
@ApplicationScoped
public class TaskIdentities {

    private static final String CREDENTIALS_ID = "credentials-id";
    private static final String METADATA_ID = "metadata-id";

    private final Sealer sealer;
    private final SessionCredentials credentials;
    private final Duration lifetime;

    public TaskIdentities(@ConfigProperty(name = "berth.credentials.secret") String secret,
            @ConfigProperty(name = "berth.agent.credentials.lifetime") Duration lifetime) {
        this.sealer = new Sealer(secret);
        this.credentials = new SessionCredentials(sealer);
        this.lifetime = lifetime;
    }

    /** Whom a credentials id stands for: a role of a task. */
    public record RoleOfTask(String account, String taskArn, String roleArn) {
    }

    /** The id of {@code /v2/credentials/<id>} for the task's role. */
    public String credentialsId(TaskSpec task, String roleArn) {
        return sealer.seal(CREDENTIALS_ID, String.join("\n", task.account(), task.taskArn(), roleArn));
    }

    public Optional<RoleOfTask> credentialsOf(String id) {
        return sealer.open(CREDENTIALS_ID, id).map(text -> text.split("\n", -1)).filter(parts -> parts.length == 3)
                .map(parts -> new RoleOfTask(parts[0], parts[1], parts[2]));
    }

    /** The id of {@code /v4/<id>} for one container of the task. */
    public String metadataId(TaskSpec task, ContainerSpec container) {
        return sealer.seal(METADATA_ID, task.taskArn() + "\n" + container.name());
    }

    /** The task and container a metadata id stands for. */
    public Optional<String[]> metadataOf(String id) {
        return sealer.open(METADATA_ID, id).map(text -> text.split("\n", -1)).filter(parts -> parts.length == 2);
    }

    /**
     * New credentials for a role, valid for {@code berth.agent.credentials.lifetime} from now; {@code kind} says who
     * uses them ({@link SessionCredentials#TASK}, {@code EXECUTION}, {@code INSTANCE}).
     */
    public Credentials issue(String account, String taskArn, String roleArn, String kind) {
        return credentials.issue(new Identity(account, roleArn, taskArn, kind,
                Instant.now().plus(lifetime).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
    }

    /**
     * The credentials the agent acts with for a task: its execution role's, or, without one, the instance's own
     * (the role an EC2 instance profile would give the agent).
     */
    public Credentials forAgent(TaskSpec task) {
        return task.executionRoleArn() != null
                ? issue(task.account(), task.taskArn(), task.executionRoleArn(), SessionCredentials.EXECUTION)
                : issue(task.account(), task.taskArn(), "arn:aws:iam::" + task.account() + ":role/ecsInstanceRole",
                        SessionCredentials.INSTANCE);
    }
}
