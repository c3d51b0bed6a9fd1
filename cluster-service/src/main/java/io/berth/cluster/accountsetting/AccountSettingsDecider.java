package io.berth.cluster.accountsetting;

import io.berth.ecs.EcsErrors;
import io.berth.events.AccountSettingEvent;
import io.berth.events.AccountSettingEvent.AccountSettingDefaultPut;
import io.berth.events.AccountSettingEvent.AccountSettingDeleted;
import io.berth.events.AccountSettingEvent.AccountSettingPut;
import io.berth.eventsourcing.Decider;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** ECS account settings: which names exist, which values each takes, and what AWS's defaults are. */
public final class AccountSettingsDecider
        implements Decider<AccountSettingsDecider.Command, AccountSettingEvent, AccountSettingsState> {

    /** The AWS default of every setting, in the order ListAccountSettings shows them. */
    public static final Map<String, String> AWS_DEFAULTS = new LinkedHashMap<>();

    static {
        AWS_DEFAULTS.put("serviceLongArnFormat", "enabled");
        AWS_DEFAULTS.put("taskLongArnFormat", "enabled");
        AWS_DEFAULTS.put("containerInstanceLongArnFormat", "enabled");
        AWS_DEFAULTS.put("awsvpcTrunking", "disabled");
        AWS_DEFAULTS.put("containerInsights", "disabled");
        AWS_DEFAULTS.put("fargateFIPSMode", "disabled");
        AWS_DEFAULTS.put("tagResourceAuthorization", "on");
        AWS_DEFAULTS.put("fargateTaskRetirementWaitPeriod", "7");
        AWS_DEFAULTS.put("guardDutyActivate", "off");
        AWS_DEFAULTS.put("defaultLogDriverMode", "blocking");
        AWS_DEFAULTS.put("fargateEventWindows", "disabled");
    }

    private static final Set<String> ON_OFF = Set.of("enabled", "disabled");

    public sealed interface Command {
        String account();
    }

    public record PutSetting(String account, String principalArn, String name, String value) implements Command {
    }

    public record PutDefault(String account, String name, String value) implements Command {
    }

    public record DeleteSetting(String account, String principalArn, String name) implements Command {
    }

    @Override
    public AccountSettingsState initialState() {
        return AccountSettingsState.NONE;
    }

    @Override
    public List<AccountSettingEvent> decide(Command command, AccountSettingsState state) {
        if (command instanceof PutSetting put) {
            check(put.name(), put.value());
            return List.of(new AccountSettingPut(put.account(), put.principalArn(), put.name(), put.value()));
        }
        if (command instanceof PutDefault put) {
            check(put.name(), put.value());
            return List.of(new AccountSettingDefaultPut(put.account(), put.name(), put.value()));
        }
        if (command instanceof DeleteSetting delete) {
            checkName(delete.name());
            if (!state.byPrincipal().getOrDefault(delete.principalArn(), Map.of()).containsKey(delete.name())) {
                throw EcsErrors.invalidParameter("The account setting " + delete.name()
                        + " is not set for the principal " + delete.principalArn() + ".");
            }
            return List.of(new AccountSettingDeleted(delete.account(), delete.principalArn(), delete.name()));
        }
        throw new IllegalArgumentException("Unknown account setting command " + command);
    }

    static void checkName(String name) {
        if (!AWS_DEFAULTS.containsKey(name)) {
            throw EcsErrors.invalidParameter("Invalid account setting name '" + name + "'. Valid names are "
                    + String.join(", ", AWS_DEFAULTS.keySet()) + ".");
        }
        if ("guardDutyActivate".equals(name)) {
            throw EcsErrors.invalidParameter("The guardDutyActivate setting is managed by AWS and is read-only.");
        }
    }

    static void check(String name, String value) {
        checkName(name);
        Set<String> allowed = switch (name) {
            case "fargateTaskRetirementWaitPeriod" -> Set.of("0", "7", "14");
            case "containerInsights" -> Set.of("enhanced", "enabled", "disabled");
            case "tagResourceAuthorization" -> Set.of("on", "off");
            case "defaultLogDriverMode" -> Set.of("blocking", "non-blocking");
            default -> ON_OFF;
        };
        if (value == null || !allowed.contains(value)) {
            throw EcsErrors.invalidParameter("Invalid value '" + value + "' for the account setting " + name
                    + ". Valid values are " + String.join(", ", new java.util.TreeSet<>(allowed)) + ".");
        }
    }

    @Override
    public AccountSettingsState evolve(AccountSettingsState state, AccountSettingEvent event) {
        if (event instanceof AccountSettingPut put) {
            return state.withPrincipal(put.principalArn(), put.name(), put.value());
        }
        if (event instanceof AccountSettingDefaultPut put) {
            return state.withDefault(put.name(), put.value());
        }
        if (event instanceof AccountSettingDeleted deleted) {
            return state.withPrincipal(deleted.principalArn(), deleted.name(), null);
        }
        return state;
    }
}
