package io.berth.cluster.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.berth.testsupport.EcsCalls;
import io.berth.events.EventEnvelope;
import io.berth.events.Topics;
import io.berth.testsupport.SharedInfrastructure;
import io.berth.testsupport.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ClusterResourceTest {

    EcsCalls ecs = EcsCalls.newAccount();

    @Test
    void createDescribeAndListACluster() {
        ecs.ok("CreateCluster", """
                {"clusterName":"web","tags":[{"key":"team","value":"payments"}],
                 "settings":[{"name":"containerInsights","value":"enabled"}]}""")
                .body("cluster.clusterArn", equalTo(ecs.arn("cluster/web")))
                .body("cluster.clusterName", equalTo("web"))
                .body("cluster.status", equalTo("ACTIVE"))
                .body("cluster.registeredContainerInstancesCount", equalTo(0))
                .body("cluster.settings[0].value", equalTo("enabled"))
                .body("cluster.tags[0].key", equalTo("team"));

        ecs.ok("DescribeClusters", "{\"clusters\":[\"web\",\"" + ecs.arn("cluster/nope") + "\"]}")
                .body("clusters", hasSize(1))
                .body("clusters[0].clusterName", equalTo("web"))
                .body("clusters[0].tags", nullValue())
                .body("clusters[0].settings", nullValue())
                .body("failures[0].arn", equalTo(ecs.arn("cluster/nope")))
                .body("failures[0].reason", equalTo("MISSING"));

        ecs.ok("DescribeClusters", "{\"clusters\":[\"web\"],\"include\":[\"TAGS\",\"SETTINGS\",\"STATISTICS\"]}")
                .body("clusters[0].tags[0].value", equalTo("payments"))
                .body("clusters[0].settings[0].name", equalTo("containerInsights"))
                .body("clusters[0].statistics.name", org.hamcrest.Matchers.hasItem("runningEC2TasksCount"));

        ecs.ok("ListClusters", "{}").body("clusterArns", contains(ecs.arn("cluster/web")));
    }

    @Test
    void createIsIdempotentByNameAndDefaultsToTheDefaultCluster() {
        ecs.ok("CreateCluster", "{}").body("cluster.clusterName", equalTo("default"))
                .body("cluster.settings[0].value", equalTo("disabled"));
        ecs.ok("CreateCluster", "{\"settings\":[{\"name\":\"containerInsights\",\"value\":\"enhanced\"}]}")
                .body("cluster.settings[0].value", equalTo("disabled"));
        ecs.ok("DescribeClusters", "{}").body("clusters[0].clusterName", equalTo("default"));
        ecs.ok("ListClusters", "{}").body("clusterArns", hasSize(1));
    }

    /**
     * A command's answer is built from the state its decision left, not read back (ADR 0064): it must be the
     * cluster exactly as DescribeClusters then shows it with everything included, for a new stream, a repeated
     * CreateCluster, one after a deletion, and each command that answers with the cluster.
     */
    @Test
    void everyAnswerIsTheClusterAsDescribeClustersThenShowsIt() {
        String full = """
                {"clusterName":"same","tags":[{"key":"team","value":"payments"},{"key":"tier","value":""}],
                 "settings":[{"name":"containerInsights","value":"enhanced"}],
                 "configuration":{"executeCommandConfiguration":{"logging":"OVERRIDE",
                   "logConfiguration":{"cloudWatchLogGroupName":"exec","cloudWatchEncryptionEnabled":true}}},
                 "serviceConnectDefaults":{"namespace":"same.local"},
                 "capacityProviders":["FARGATE","FARGATE_SPOT"],
                 "defaultCapacityProviderStrategy":[{"capacityProvider":"FARGATE","weight":2,"base":1},
                   {"capacityProvider":"FARGATE_SPOT","weight":1}]}""";
        assertThat(answered("CreateCluster", full)).containsEntry("status", "ACTIVE")
                .containsKeys("configuration", "serviceConnectDefaults", "statistics", "attachments");
        assertThat(answered("CreateCluster", "{}")).containsEntry("clusterName", "default");
        // Idempotent by name: the cluster as it is, not as the repeated request asks.
        assertThat(answered("CreateCluster", full.replace("enhanced", "disabled")).get("settings").toString())
                .contains("enhanced");
        answered("UpdateClusterSettings",
                "{\"cluster\":\"same\",\"settings\":[{\"name\":\"containerInsights\",\"value\":\"enabled\"}]}");
        answered("UpdateCluster", "{\"cluster\":\"same\",\"serviceConnectDefaults\":{\"namespace\":\"other\"}}");
        answered("PutClusterCapacityProviders", """
                {"cluster":"same","capacityProviders":["FARGATE"],
                 "defaultCapacityProviderStrategy":[{"capacityProvider":"FARGATE","weight":1}]}""");
        assertThat(answered("DeleteCluster", "{\"cluster\":\"same\"}")).containsEntry("status", "INACTIVE");
        // Created again after its deletion: the stream goes on, its view row is read and replaced.
        assertThat(answered("CreateCluster", "{\"clusterName\":\"same\",\"tags\":[{\"key\":\"again\",\"value\":\"yes\"}]}"))
                .containsEntry("status", "ACTIVE").doesNotContainKey("configuration");
    }

    /** Calls {@code operation}, checks its cluster equals DescribeClusters' right after, and returns it. */
    private Map<String, Object> answered(String operation, String body) {
        Map<String, Object> answer = ecs.ok(operation, body).extract().jsonPath().getMap("cluster");
        String include = "\"include\":[\"ATTACHMENTS\",\"CONFIGURATIONS\",\"SETTINGS\",\"STATISTICS\",\"TAGS\"]";
        Map<String, Object> described = ecs.ok("DescribeClusters",
                        "{\"clusters\":[\"" + answer.get("clusterArn") + "\"]," + include + "}")
                .extract().jsonPath().getMap("clusters[0]");
        assertThat(answer).as(operation + " " + body).isEqualTo(described);
        return answer;
    }

    @Test
    void listClustersPaginates() {
        for (String name : List.of("a", "b", "c")) {
            ecs.ok("CreateCluster", "{\"clusterName\":\"" + name + "\"}");
        }
        String token = ecs.ok("ListClusters", "{\"maxResults\":2}").body("clusterArns", hasSize(2))
                .body("nextToken", notNullValue()).extract().path("nextToken");
        ecs.ok("ListClusters", "{\"maxResults\":2,\"nextToken\":\"" + token + "\"}")
                .body("clusterArns", contains(ecs.arn("cluster/c"))).body("nextToken", nullValue());
        ecs.error("ListClusters", "{\"maxResults\":101}", "InvalidParameterException");
        ecs.error("ListClusters", "{\"nextToken\":\"garbage\"}", "InvalidParameterException")
                .body("message", equalTo("Invalid nextToken."));
    }

    @Test
    void deletedClustersAreInactiveButDescribable() {
        ecs.ok("CreateCluster", "{\"clusterName\":\"gone\"}");
        ecs.ok("DeleteCluster", "{\"cluster\":\"gone\"}").body("cluster.status", equalTo("INACTIVE"));
        ecs.ok("DescribeClusters", "{\"clusters\":[\"gone\"]}").body("clusters[0].status", equalTo("INACTIVE"));
        ecs.ok("ListClusters", "{}").body("clusterArns", empty());
        ecs.error("DeleteCluster", "{\"cluster\":\"gone\"}", "ClusterNotFoundException")
                .body("message", equalTo("Cluster not found."));
    }

    @Test
    void updatesChangeSettingsAndCapacityProviders() {
        ecs.ok("CreateCluster", "{\"clusterName\":\"web\"}");
        ecs.ok("UpdateClusterSettings", """
                {"cluster":"web","settings":[{"name":"containerInsights","value":"enhanced"}]}""")
                .body("cluster.settings[0].value", equalTo("enhanced"));
        ecs.ok("UpdateCluster", """
                {"cluster":"web","configuration":{"executeCommandConfiguration":{"logging":"NONE"}}}""")
                .body("cluster.configuration.executeCommandConfiguration.logging", equalTo("NONE"));
        ecs.ok("PutClusterCapacityProviders", """
                {"cluster":"web","capacityProviders":["FARGATE","FARGATE_SPOT"],
                 "defaultCapacityProviderStrategy":[{"capacityProvider":"FARGATE","weight":1,"base":1}]}""")
                .body("cluster.capacityProviders", containsInAnyOrder("FARGATE", "FARGATE_SPOT"))
                .body("cluster.defaultCapacityProviderStrategy[0].base", equalTo(1));
    }

    @Test
    void theProvidersACreateNamesBesideTheBuiltInOnesAreCheckedAgainstTheCallersOwn() {
        ecs.ok("CreateCapacityProvider", "{\"name\":\"hosts\",\"autoScalingGroupProvider\":{\"autoScalingGroupArn\":"
                + "\"hosts-asg\",\"managedScaling\":{\"status\":\"ENABLED\"}}}");
        ecs.ok("CreateCluster", "{\"clusterName\":\"first\",\"capacityProviders\":[\"FARGATE\",\"hosts\"]}")
                .body("cluster.capacityProviders", contains("FARGATE", "hosts"));
        // A managed provider serves one cluster, named beside a built-in one or not.
        ecs.error("CreateCluster", "{\"clusterName\":\"second\",\"capacityProviders\":[\"FARGATE\",\"hosts\"]}",
                "InvalidParameterException")
                .body("message", org.hamcrest.Matchers.containsString("can be associated with one cluster only"));
        ecs.error("CreateCluster", "{\"clusterName\":\"second\",\"capacityProviders\":[\"FARGATE_SPOT\",\"nope\"]}",
                "InvalidParameterException")
                .body("message", equalTo("The specified capacity provider nope does not exist. Specify a valid capacity"
                        + " provider and try again."));
        // Built-in ones only: nothing of the caller's to check them against.
        ecs.ok("CreateCluster", """
                {"clusterName":"second","capacityProviders":["FARGATE_SPOT","FARGATE"],
                 "defaultCapacityProviderStrategy":[{"capacityProvider":"FARGATE_SPOT","weight":1}]}""")
                .body("cluster.capacityProviders", contains("FARGATE_SPOT", "FARGATE"));
        ecs.ok("DescribeClusters", "{\"clusters\":[\"first\",\"second\"]}").body("clusters", hasSize(2));
    }

    @Test
    void badRequestsAnswerWithTheEcsErrorAndChangeNothing() {
        ecs.error("CreateCluster", "{\"clusterName\":\"has space\"}", "InvalidParameterException")
                .body("message", org.hamcrest.Matchers.startsWith("Cluster name can have up to 255 characters"));
        ecs.error("CreateCluster", "{\"clusterName\":42}", "SerializationException")
                .body("message", equalTo("Member 'clusterName' must be a string."));
        ecs.error("CreateCluster", "{\"clusterName\":\"x\",\"tags\":[{\"key\":\"aws:owner\",\"value\":\"me\"}]}",
                "InvalidParameterException");
        ecs.error("CreateCluster", "{\"clusterName\":\"x\",\"capacityProviders\":[\"missing\"]}",
                "InvalidParameterException");
        ecs.error("DescribeClusters", "{\"include\":[\"EVERYTHING\"]}", "InvalidParameterException");
        ecs.error("UpdateClusterSettings", "{\"cluster\":\"nope\",\"settings\":[]}", "ClusterNotFoundException");
        ecs.error("PutClusterCapacityProviders", "{\"cluster\":\"x\"}", "InvalidParameterException")
                .body("message", equalTo("capacityProviders can not be blank."));
        ecs.ok("ListClusters", "{}").body("clusterArns", empty());
    }

    @Test
    void eventsReachTheTopicKeyedByTheClusterArn() {
        String arn = ecs.arn("cluster/keyed");
        try (TopicProbe probe = new TopicProbe(SharedInfrastructure.get().kafkaBootstrapServers(),
                Topics.CLUSTER_EVENTS)) {
            ecs.ok("CreateCluster", "{\"clusterName\":\"keyed\"}");
            ecs.ok("DeleteCluster", "{\"cluster\":\"keyed\"}");
            List<ConsumerRecord<String, EventEnvelope>> records = await().atMost(Duration.ofSeconds(20))
                    .until(() -> probe.poll().stream().filter(r -> arn.equals(r.key())).toList(), r -> r.size() == 2);
            assertThat(records).extracting(r -> r.value().type()).containsExactly("ClusterCreated", "ClusterDeleted");
            assertThat(records).extracting(r -> r.value().account()).containsOnly(ecs.account());
        }
    }

    @Test
    void accountsNeverSeeEachOthersClusters() {
        EcsCalls other = EcsCalls.newAccount();
        ecs.ok("CreateCluster", "{\"clusterName\":\"mine\"}");
        other.ok("ListClusters", "{}").body("clusterArns", empty());
        other.ok("DescribeClusters", "{\"clusters\":[\"mine\"]}").body("failures[0].reason", equalTo("MISSING"));
        other.ok("DescribeClusters", "{\"clusters\":[\"" + ecs.arn("cluster/mine") + "\"]}")
                .body("clusters", empty());
    }
}
