package io.berth.gateway.reset;

import io.berth.eventstore.AccountData;
import io.berth.eventstore.AccountRows;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * What a reset of an account deletes in the gateway beside its command streams (ADR 0034): its request
 * log and its catalog of the account's clusters and task definitions (ADR 0036).
 */
@ApplicationScoped
public class GatewayAccountData implements AccountData {

    @Override
    public List<AccountRows> rows() {
        return List.of(
                AccountRows.byAccount("gateway_request_log"),
                AccountRows.byArn("gateway_task_definition", "task_definition_arn"),
                AccountRows.byArn("gateway_cluster", "cluster_arn"));
    }
}
