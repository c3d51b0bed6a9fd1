package io.berth.scaling.reset;

import io.berth.eventstore.AccountData;
import io.berth.eventstore.AccountRows;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * What a reset of an account deletes here beside its scalable target streams (ADR 0034): targets,
 * their activities and due scheduled actions, the services learnt from the scheduler, and managed
 * scaling's providers, measurements and state (ADR 0039).
 */
@ApplicationScoped
public class ScalingAccountData implements AccountData {

    @Override
    public List<AccountRows> rows() {
        return List.of(
                new AccountRows("scheduled_action_due", "stream_key in (select stream_key from scalable_target_view"
                        + " where coalesce(?, account) = account)"),
                AccountRows.byAccount("scaling_activity"),
                AccountRows.byAccount("scalable_target_view"),
                AccountRows.byAccount("scaling_service"),
                AccountRows.byArn("capacity_measurement", "cluster_arn"),
                AccountRows.byArn("managed_scaling_state", "cluster_arn"),
                AccountRows.byArn("managed_scaling_provider", "capacity_provider_arn"));
    }
}
