package io.berth.events;

import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * Topic {@value Topics#ACCOUNT_SETTING_EVENTS}: ECS account settings, owned by the cluster-service.
 * Keyed by the account's root principal so that one account's settings stay in order.
 */
public sealed interface AccountSettingEvent extends BerthEvent {

    String account();

    @Override
    default String partitionKey() {
        return "arn:aws:iam::" + account() + ":root";
    }

    /** PutAccountSetting: the setting of one principal (the caller's root when none was named). */
    @JsonTypeName("AccountSettingPut")
    record AccountSettingPut(String account, String principalArn, String name, String value)
            implements AccountSettingEvent {
    }

    /** PutAccountSettingDefault: the value every principal without its own setting gets. */
    @JsonTypeName("AccountSettingDefaultPut")
    record AccountSettingDefaultPut(String account, String name, String value) implements AccountSettingEvent {
    }

    @JsonTypeName("AccountSettingDeleted")
    record AccountSettingDeleted(String account, String principalArn, String name) implements AccountSettingEvent {
    }
}
