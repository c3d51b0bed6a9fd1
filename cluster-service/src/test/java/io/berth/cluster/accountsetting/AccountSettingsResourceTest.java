package io.berth.cluster.accountsetting;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import io.berth.cluster.EcsCalls;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AccountSettingsResourceTest {

    EcsCalls ecs = EcsCalls.newAccount();

    @Test
    void settingsArePutListedAndDeleted() {
        String root = "arn:aws:iam::" + ecs.account() + ":root";
        ecs.ok("PutAccountSetting", "{\"name\":\"containerInsights\",\"value\":\"enabled\"}")
                .body("setting.name", equalTo("containerInsights"))
                .body("setting.value", equalTo("enabled"))
                .body("setting.principalArn", equalTo(root));
        ecs.ok("ListAccountSettings", "{}").body("settings", hasSize(1));
        ecs.ok("ListAccountSettings", "{\"effectiveSettings\":true,\"maxResults\":10}")
                .body("settings.name", hasItem("taskLongArnFormat"))
                .body("settings.find { it.name == 'containerInsights' }.value", equalTo("enabled"));
        ecs.ok("DeleteAccountSetting", "{\"name\":\"containerInsights\"}");
        ecs.ok("ListAccountSettings", "{}").body("settings", hasSize(0));
    }

    @Test
    void defaultsApplyToPrincipalsWithoutTheirOwn() {
        ecs.ok("PutAccountSettingDefault", "{\"name\":\"awsvpcTrunking\",\"value\":\"enabled\"}");
        ecs.ok("ListAccountSettings", """
                {"effectiveSettings":true,"name":"awsvpcTrunking",
                 "principalArn":"arn:aws:iam::000000000000:user/ci"}""")
                .body("settings[0].value", equalTo("enabled"));
    }

    @Test
    void unknownNamesAndValuesAreRejected() {
        ecs.error("PutAccountSetting", "{\"name\":\"turbo\",\"value\":\"enabled\"}", "InvalidParameterException");
        ecs.error("PutAccountSetting", "{\"name\":\"fargateTaskRetirementWaitPeriod\",\"value\":\"3\"}",
                "InvalidParameterException");
        ecs.error("DeleteAccountSetting", "{\"name\":\"awsvpcTrunking\"}", "InvalidParameterException");
        ecs.error("PutAccountSetting", "{\"name\":\"containerInsights\"}", "InvalidParameterException")
                .body("message", equalTo("value can not be blank."));
    }
}
