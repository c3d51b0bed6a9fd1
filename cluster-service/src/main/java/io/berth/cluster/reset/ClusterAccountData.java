package io.berth.cluster.reset;

import io.berth.eventstore.AccountData;
import io.berth.eventstore.AccountRows;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * What a reset of an account deletes here beside its streams (ADR 0034): the views of its clusters,
 * capacity providers, task definitions and settings, and the counters kept from the other owners'
 * events.
 */
@ApplicationScoped
public class ClusterAccountData implements AccountData {

    @Override
    public List<AccountRows> rows() {
        return List.of(
                AccountRows.byAccount("cluster_view"),
                AccountRows.byAccount("capacity_provider_view"),
                AccountRows.byAccount("task_definition_view"),
                AccountRows.byAccount("account_settings_view"),
                AccountRows.byArn("cluster_contents", "cluster_arn"),
                AccountRows.byArn("cluster_task_status", "cluster_arn"),
                AccountRows.byArn("cluster_instance", "cluster_arn"),
                AccountRows.byArn("cluster_service", "cluster_arn"));
    }
}
