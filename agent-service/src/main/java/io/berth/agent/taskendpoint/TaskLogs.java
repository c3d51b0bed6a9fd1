package io.berth.agent.taskendpoint;

import io.berth.agent.awslogs.AwsLogsDriver;
import io.berth.agent.awslogs.AwsLogsOptions;
import io.berth.agent.runtime.ContainerLog;
import io.berth.agent.runtime.ContainerLogs;
import io.berth.agent.runtime.ContainerSpec;
import io.berth.agent.runtime.TaskSpec;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;

/**
 * The log driver the runtimes get: the awslogs driver, noting for each container where its stream is, so that
 * Berth's {@code /v1} logs path can read a container's output back from the log store whether its task still runs
 * or not.
 */
@ApplicationScoped
public class TaskLogs implements ContainerLogs {

    private final AwsLogsDriver driver;
    private final EntityManager entities;

    public TaskLogs(AwsLogsDriver driver, EntityManager entities) {
        this.driver = driver;
        this.entities = entities;
    }

    /** Where a container's log went. */
    public record Location(String region, String group, String stream) {
    }

    void prune(@Observes StartupEvent event) {
        QuarkusTransaction.requiringNew().run(() -> entities.createNativeQuery(
                "delete from task_log where opened_at < now() - interval '7 days'").executeUpdate());
    }

    @Override
    public Optional<ContainerLog> open(TaskSpec task, ContainerSpec container, String containerId, boolean resume)
            throws LogDriverException {
        Optional<ContainerLog> log = driver.open(task, container, containerId, resume);
        if (log.isPresent()) {
            AwsLogsOptions options = AwsLogsOptions.of(container.details().logDriver(),
                    container.details().logOptions()).orElseThrow();
            String region = options.region() != null ? options.region() : task.region();
            QuarkusTransaction.requiringNew().run(() -> entities.createNativeQuery("insert into task_log (task_arn,"
                    + " container_name, region, log_group, log_stream) values (?1, ?2, ?3, ?4, ?5)"
                    + " on conflict do nothing").setParameter(1, task.taskArn()).setParameter(2, container.name())
                    .setParameter(3, region).setParameter(4, options.group())
                    .setParameter(5, options.streamName(task, container, containerId)).executeUpdate());
        }
        return log;
    }

    @SuppressWarnings("unchecked")
    public Optional<Location> location(String taskArn, String containerName) {
        List<Object[]> rows = entities.createNativeQuery("select region, log_group, log_stream from task_log"
                + " where task_arn = ?1 and container_name = ?2").setParameter(1, taskArn)
                .setParameter(2, containerName).getResultList();
        return rows.stream().findFirst().map(row -> new Location((String) row[0], (String) row[1],
                (String) row[2]));
    }
}
