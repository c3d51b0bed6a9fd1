package io.berth.agent.reset;

import io.berth.eventstore.AccountData;
import io.berth.eventstore.AccountRows;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * What a reset of an account deletes here beside its instance streams (ADR 0034): the instances, their
 * hosted agents and tasks, the clusters learnt from the cluster-service, the tasks' log destinations,
 * and the launch templates, Auto Scaling groups, their activities and the capacity providers naming
 * them (ADR 0038), the daemon services (ADR 0042). The agents and their tasks stop in {@code HostedAgents}.
 */
@ApplicationScoped
public class AgentAccountData implements AccountData {

    @Override
    public List<AccountRows> rows() {
        return List.of(
                AccountRows.byArn("known_cluster", "cluster_arn"),
                AccountRows.byAccount("container_instance_view"),
                AccountRows.byArn("instance_task", "cluster_arn"),
                AccountRows.byAccount("hosted_agent"),
                AccountRows.byArn("task_log", "task_arn"),
                AccountRows.byAccount("auto_scaling_activity"),
                AccountRows.byAccount("auto_scaling_group_view"),
                AccountRows.byAccount("launch_template_view"),
                AccountRows.byAccount("capacity_provider_group"),
                AccountRows.byArn("daemon_service", "cluster_arn"));
    }
}
