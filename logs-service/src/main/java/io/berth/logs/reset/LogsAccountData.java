package io.berth.logs.reset;

import io.berth.eventstore.AccountData;
import io.berth.eventstore.AccountRows;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * What a reset of an account deletes here beside its log group streams (ADR 0034): its groups, their
 * streams and log events.
 */
@ApplicationScoped
public class LogsAccountData implements AccountData {

    private static final String GROUPS_OF_ACCOUNT =
            "group_key in (select group_key from log_group where coalesce(?, account) = account)";

    @Override
    public List<AccountRows> rows() {
        return List.of(
                new AccountRows("log_event", GROUPS_OF_ACCOUNT),
                new AccountRows("log_stream_stats", "stream_key in (select stream_key from log_stream where "
                        + GROUPS_OF_ACCOUNT + ")"),
                new AccountRows("log_stream", GROUPS_OF_ACCOUNT),
                AccountRows.byAccount("log_group"));
    }
}
