package io.berth.cluster.accountsetting;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.testsupport.DeciderSpec;
import io.berth.cluster.accountsetting.AccountSettingsDecider.DeleteSetting;
import io.berth.cluster.accountsetting.AccountSettingsDecider.PutDefault;
import io.berth.cluster.accountsetting.AccountSettingsDecider.PutSetting;
import io.berth.events.AccountSettingEvent;
import io.berth.events.AccountSettingEvent.AccountSettingDefaultPut;
import io.berth.events.AccountSettingEvent.AccountSettingDeleted;
import io.berth.events.AccountSettingEvent.AccountSettingPut;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AccountSettingsDeciderTest {

    static final String ROOT = "arn:aws:iam::000000000000:root";

    DeciderSpec<AccountSettingsDecider.Command, AccountSettingEvent, AccountSettingsState> spec =
            DeciderSpec.of(new AccountSettingsDecider());

    @ParameterizedTest
    @CsvSource({"containerInsights,enhanced", "fargateTaskRetirementWaitPeriod,14", "tagResourceAuthorization,off",
            "awsvpcTrunking,enabled", "defaultLogDriverMode,non-blocking"})
    void validSettingsArePut(String name, String value) {
        AccountSettingsState state = spec.when(new PutSetting("000000000000", ROOT, name, value))
                .then(new AccountSettingPut("000000000000", ROOT, name, value));
        assertThat(state.byPrincipal().get(ROOT)).containsEntry(name, value);
    }

    @ParameterizedTest
    @CsvSource({"awsvpcTrunking,enhanced", "fargateTaskRetirementWaitPeriod,3", "containerInsights,on"})
    void invalidValuesAreRejected(String name, String value) {
        spec.when(new PutSetting("000000000000", ROOT, name, value))
                .thenRejectedWith("InvalidParameterException", "Invalid value '" + value + "'");
    }

    @Test
    void unknownAndReadOnlyNamesAreRejected() {
        spec.when(new PutDefault("000000000000", "turbo", "enabled"))
                .thenRejectedWith("InvalidParameterException", "Invalid account setting name 'turbo'");
        spec.when(new PutSetting("000000000000", ROOT, "guardDutyActivate", "enabled"))
                .thenRejected("InvalidParameterException",
                        "The guardDutyActivate setting is managed by AWS and is read-only.");
    }

    @Test
    void onlyASetSettingCanBeDeleted() {
        spec.when(new DeleteSetting("000000000000", ROOT, "awsvpcTrunking")).thenRejected(
                "InvalidParameterException",
                "The account setting awsvpcTrunking is not set for the principal " + ROOT + ".");
        AccountSettingsState state = spec.given(new AccountSettingPut("000000000000", ROOT, "awsvpcTrunking", "enabled"))
                .when(new DeleteSetting("000000000000", ROOT, "awsvpcTrunking"))
                .then(new AccountSettingDeleted("000000000000", ROOT, "awsvpcTrunking"));
        assertThat(state.byPrincipal().get(ROOT)).isEmpty();
    }

    @Test
    void defaultsAreKeptApartFromPrincipals() {
        AccountSettingsState state = spec.when(new PutDefault("000000000000", "containerInsights", "enabled"))
                .then(new AccountSettingDefaultPut("000000000000", "containerInsights", "enabled"));
        assertThat(state.defaults()).containsEntry("containerInsights", "enabled");
        assertThat(state.byPrincipal()).isEmpty();
    }
}
