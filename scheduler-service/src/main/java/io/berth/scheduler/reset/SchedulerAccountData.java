package io.berth.scheduler.reset;

import io.berth.eventstore.AccountData;
import io.berth.eventstore.AccountRows;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * What a reset of an account deletes here beside its task and service streams (ADR 0034): the tasks
 * and services, the instances placement knows, client tokens, the task definitions services run, and
 * managed scaling's capacity providers, cluster associations and measurements (ADR 0039).
 */
@ApplicationScoped
public class SchedulerAccountData implements AccountData {

    @Override
    public List<AccountRows> rows() {
        return List.of(
                AccountRows.byAccount("task_view"),
                AccountRows.byAccount("service_view"),
                AccountRows.byAccount("fargate_address"),
                AccountRows.byArn("scheduler_instance", "container_instance_arn"),
                AccountRows.byArn("client_token", "cluster_arn"),
                AccountRows.byArn("service_task_definition", "task_definition_arn"),
                AccountRows.byArn("scheduler_capacity_measurement", "cluster_arn"),
                AccountRows.byArn("scheduler_cluster_capacity_providers", "cluster_arn"),
                AccountRows.byArn("scheduler_capacity_provider", "capacity_provider_arn"));
    }
}
