package io.berth.cluster.accountsetting;

import io.berth.eventstore.JsonColumns;
import io.berth.events.AccountSettingEvent;
import io.berth.events.EventEnvelope;
import io.berth.eventsourcing.Projection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/** Keeps {@link AccountSettingsView} equal to the account-settings streams folded. */
@ApplicationScoped
public class AccountSettingsProjection implements Projection {

    public static final String STREAM_TYPE = "account-settings";
    private static final AccountSettingsDecider DECIDER = new AccountSettingsDecider();

    @Override
    public String name() {
        return "account-settings-view";
    }

    @Override
    public Set<String> streamTypes() {
        return Set.of(STREAM_TYPE);
    }

    @Override
    public void reset() {
        AccountSettingsView.deleteAll();
    }

    @Override
    public void apply(EventEnvelope event) {
        AccountSettingsView view = AccountSettingsView.findById(event.aggregateId());
        AccountSettingsState before = view == null ? AccountSettingsState.NONE : stateOf(view);
        if (view == null) {
            view = new AccountSettingsView();
            view.streamId = event.aggregateId();
            view.account = event.account();
            view.region = event.region();
        }
        view.state = JsonColumns.write(DECIDER.evolve(before, (AccountSettingEvent) event.payload()));
        view.persist();
    }

    static AccountSettingsState stateOf(AccountSettingsView view) {
        return JsonColumns.read(view.state, new com.fasterxml.jackson.core.type.TypeReference<>() { });
    }
}
