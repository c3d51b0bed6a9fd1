package io.berth.cluster.accountsetting;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.berth.testsupport.EcsCalls;
import io.berth.events.EventEnvelope;
import io.berth.events.Topics;
import io.berth.testsupport.SharedInfrastructure;
import io.berth.testsupport.TopicProbe;
import java.time.Duration;
import java.util.List;
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
    void eventsReachTheTopicKeyedByTheAccountsRootPrincipal() {
        String key = "arn:aws:iam::" + ecs.account() + ":root";
        try (TopicProbe probe = new TopicProbe(SharedInfrastructure.get().kafkaBootstrapServers(),
                Topics.ACCOUNT_SETTING_EVENTS)) {
            ecs.ok("PutAccountSettingDefault", "{\"name\":\"awsvpcTrunking\",\"value\":\"enabled\"}");
            List<EventEnvelope> events = await().atMost(Duration.ofSeconds(20))
                    .until(() -> probe.poll().stream().filter(r -> key.equals(r.key())).map(r -> r.value()).toList(),
                            e -> !e.isEmpty());
            assertThat(events).extracting(EventEnvelope::type).containsExactly("AccountSettingDefaultPut");
        }
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
