package io.berth.agent.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import io.berth.events.ClusterEvent.ClusterCreated;
import io.berth.events.EventEnvelope;
import io.berth.events.Topics;
import io.berth.testsupport.EcsCalls;
import io.berth.testsupport.SharedInfrastructure;
import io.berth.testsupport.TestPublisher;
import io.berth.testsupport.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class InstanceResourceTest {

    EcsCalls ecs = EcsCalls.newAccount();

    static String register(String instanceType, String zone) {
        return """
                {"cluster":"fleet","totalResources":[{"name":"CPU","type":"INTEGER","integerValue":2048},
                 {"name":"MEMORY","type":"INTEGER","integerValue":3943},
                 {"name":"PORTS","type":"STRINGSET","stringSetValue":["22","2375"]}],
                 "instanceIdentityDocument":"{\\"instanceId\\":\\"i-0a1b\\",\\"instanceType\\":\\"%s\\",\
                \\"availabilityZone\\":\\"%s\\"}",
                 "versionInfo":{"agentVersion":"1.89.0"},
                 "attributes":[{"name":"stack","value":"prod"}],"tags":[{"key":"team","value":"a"}]}"""
                .formatted(instanceType, zone);
    }

    /** The cluster-service announces the clusters; the agent-service learns of them from the topic. */
    @BeforeEach
    void clustersExist() {
        try (TestPublisher publisher = new TestPublisher()) {
            for (String name : List.of("fleet", "elsewhere")) {
                String cluster = ecs.arn("cluster/" + name);
                publisher.publish(TestPublisher.envelope("cluster", cluster, 1, ecs.account(), new ClusterCreated(
                        cluster, name, List.of(), List.of(), List.of(), List.of(), null, null)));
            }
        }
        for (String name : List.of("fleet", "elsewhere")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> ecs.call("ListContainerInstances",
                    "{\"cluster\":\"" + name + "\"}").extract().statusCode() == 200);
        }
    }

    @Test
    void registeredInstancesAreDescribedWithResourcesAttributesAndTags() {
        String arn = ecs.ok("RegisterContainerInstance", register("t3.medium", "eu-west-1b"))
                .body("containerInstance.status", equalTo("ACTIVE"))
                .body("containerInstance.agentConnected", equalTo(true))
                .body("containerInstance.ec2InstanceId", equalTo("i-0a1b"))
                .body("containerInstance.registeredResources.find { it.name == 'CPU' }.integerValue", equalTo(2048))
                .body("containerInstance.remainingResources.find { it.name == 'MEMORY' }.integerValue",
                        equalTo(3943))
                .body("containerInstance.attributes.name", hasItem("ecs.instance-type"))
                .body("containerInstance.attributes.find { it.name == 'stack' }.value", equalTo("prod"))
                .extract().path("containerInstance.containerInstanceArn");
        assertThat(arn).matches(ecs.arn("container-instance/fleet/") + "[0-9a-f]{32}");
        String id = arn.substring(arn.lastIndexOf('/') + 1);

        ecs.ok("DescribeContainerInstances", "{\"cluster\":\"fleet\",\"containerInstances\":[\"" + id
                        + "\",\"ffffffffffffffffffffffffffffffff\"],\"include\":[\"TAGS\"]}")
                .body("containerInstances[0].containerInstanceArn", equalTo(arn))
                .body("containerInstances[0].tags[0].value", equalTo("a"))
                .body("failures[0].reason", equalTo("MISSING"));
        ecs.ok("RegisterContainerInstance", register("t3.medium", "eu-west-1b").replace("{\"cluster\":\"fleet\",",
                        "{\"cluster\":\"fleet\",\"containerInstanceArn\":\"" + arn + "\","))
                .body("containerInstance.containerInstanceArn", equalTo(arn));
        ecs.ok("ListContainerInstances", "{\"cluster\":\"fleet\"}").body("containerInstanceArns", hasSize(1));
    }

    @Test
    void listFiltersWithTheClusterQueryLanguageAndStatus() {
        String small = arnOf(ecs.ok("RegisterContainerInstance", register("t3.medium", "eu-west-1a")));
        String large = arnOf(ecs.ok("RegisterContainerInstance", register("m5.4xlarge", "eu-west-1b")));
        ecs.ok("ListContainerInstances", "{\"cluster\":\"fleet\",\"filter\":\"attribute:ecs.instance-type =~ t3.*\"}")
                .body("containerInstanceArns", contains(small));
        ecs.ok("ListContainerInstances", """
                {"cluster":"fleet","filter":"attribute:ecs.availability-zone in [eu-west-1b, eu-west-1c] and \
                attribute:stack == prod"}""").body("containerInstanceArns", contains(large));
        ecs.error("ListContainerInstances", "{\"cluster\":\"fleet\",\"filter\":\"attribute:stack ==\"}",
                "InvalidParameterException").body("message", containsString("position"));

        ecs.ok("UpdateContainerInstancesState", "{\"cluster\":\"fleet\",\"containerInstances\":[\"" + large
                        + "\",\"" + ecs.arn("container-instance/fleet/0000") + "\"],\"status\":\"DRAINING\"}")
                .body("containerInstances[0].status", equalTo("DRAINING"))
                .body("failures[0].reason", equalTo("MISSING"));
        ecs.ok("ListContainerInstances", "{\"cluster\":\"fleet\",\"status\":\"DRAINING\"}")
                .body("containerInstanceArns", contains(large));
        ecs.error("UpdateContainerInstancesState", "{\"cluster\":\"fleet\",\"containerInstances\":[\"" + large
                + "\"],\"status\":\"INACTIVE\"}", "InvalidParameterException");
    }

    @Test
    void deregisteredInstancesAreInactiveAndNoLongerListed() {
        Instant before = between();
        String arn = arnOf(ecs.ok("RegisterContainerInstance", register("t3.small", "eu-west-1a")));
        Instant registered = between();
        ecs.ok("UpdateContainerInstancesState", "{\"cluster\":\"fleet\",\"containerInstances\":[\"" + arn
                + "\"],\"status\":\"DRAINING\"}");
        Instant draining = between();
        ecs.ok("DeregisterContainerInstance", "{\"cluster\":\"fleet\",\"containerInstance\":\"" + arn + "\"}")
                .body("containerInstance.status", equalTo("INACTIVE"));
        // The cluster's instances as they were, folded from their events: none, active, draining, gone.
        String instances = "/v1/clusters/fleet/container-instances";
        ecs.get(instances + "?asOf=" + before).statusCode(200).body("containerInstances", hasSize(0));
        ecs.get(instances + "?asOf=" + registered).statusCode(200)
                .body("containerInstances.containerInstanceArn", contains(arn))
                .body("containerInstances[0].status", equalTo("ACTIVE"))
                .body("containerInstances[0].registeredResources.find { it.name == 'CPU' }.integerValue",
                        equalTo(2048))
                .body("containerInstances[0].tags[0].key", equalTo("team"))
                .body("containerInstances[0]", not(org.hamcrest.Matchers.hasKey("remainingResources")));
        ecs.get(instances + "?asOf=" + draining).statusCode(200).body("containerInstances[0].status",
                equalTo("DRAINING"));
        ecs.get(instances).statusCode(200).body("containerInstances", hasSize(0));
        ecs.get("/v1/clusters/elsewhere/container-instances?asOf=" + draining).statusCode(200)
                .body("containerInstances", hasSize(0));
        ecs.get(instances + "?asOf=now").statusCode(400).body("__type", equalTo("InvalidParameterException"));
        ecs.ok("ListContainerInstances", "{\"cluster\":\"fleet\"}").body("containerInstanceArns", hasSize(0));
        ecs.error("DeregisterContainerInstance", "{\"cluster\":\"fleet\",\"containerInstance\":\"" + arn + "\"}",
                "InvalidParameterException");
    }

    /** An instant strictly after everything written so far, and before anything written next. */
    private static Instant between() {
        Instant at = Instant.now();
        await().until(() -> Instant.now().isAfter(at));
        return at;
    }

    @Test
    void unknownClustersAndBadRequestsAreRejected() {
        ecs.error("RegisterContainerInstance", register("t3.small", "eu-west-1a").replace("\"fleet\"", "\"nowhere\""),
                "ClusterNotFoundException");
        // The cluster is answered for first, whatever the payload: the agent creates a missing one on it.
        ecs.error("RegisterContainerInstance", "{\"cluster\":\"nowhere\",\"totalResources\":[]}",
                "ClusterNotFoundException");
        ecs.error("ListContainerInstances", "{\"cluster\":\"nowhere\"}", "ClusterNotFoundException");
        // ECS answers for the cluster before it looks for the instances named in it.
        String someInstance = "{\"cluster\":\"nowhere\",\"containerInstance\":\"0123456789abcdef0123456789abcdef\","
                + "\"containerInstances\":[\"0123456789abcdef0123456789abcdef\"],\"status\":\"DRAINING\"}";
        for (String operation : List.of("DescribeContainerInstances", "UpdateContainerInstancesState",
                "DeregisterContainerInstance")) {
            ecs.error(operation, someInstance, "ClusterNotFoundException").body("message", equalTo("Cluster not found."));
        }
        ecs.error("PutAttributes", "{\"cluster\":\"nowhere\",\"attributes\":[{\"name\":\"rack\",\"targetType\":"
                + "\"container-instance\",\"targetId\":\"0123456789abcdef0123456789abcdef\"}]}",
                "ClusterNotFoundException");
        ecs.error("RegisterContainerInstance", "{\"cluster\":\"fleet\",\"totalResources\":[]}",
                "InvalidParameterException").body("message", equalTo("totalResources must include CPU and MEMORY, or"
                + " instanceIdentityDocument must name the instanceType."));
        ecs.error("RegisterContainerInstance", "{\"cluster\":\"fleet\",\"instanceIdentityDocument\":\"{\"}",
                "InvalidParameterException");
        ecs.error("DescribeContainerInstances", "{\"cluster\":\"fleet\"}", "InvalidParameterException")
                .body("message", equalTo("Container instance cannot be empty."));
        ecs.error("DescribeContainerInstances", "{\"cluster\":\"fleet\",\"containerInstances\":[]}",
                "InvalidParameterException").body("message", equalTo("Container instance cannot be empty."));
    }

    @Test
    void registrationsReachTheTopicKeyedByCluster() {
        String cluster = ecs.arn("cluster/fleet");
        try (TopicProbe probe = new TopicProbe(SharedInfrastructure.get().kafkaBootstrapServers(),
                Topics.CONTAINER_INSTANCE_EVENTS)) {
            String arn = arnOf(ecs.ok("RegisterContainerInstance", register("t3.small", "eu-west-1a")));
            List<ConsumerRecord<String, EventEnvelope>> records = await().atMost(Duration.ofSeconds(20))
                    .until(() -> probe.poll().stream().filter(r -> cluster.equals(r.key())).toList(),
                            r -> !r.isEmpty());
            assertThat(records.get(0).value().type()).isEqualTo("InstanceRegistered");
            assertThat(records.get(0).value().aggregateId()).isEqualTo(arn);
        }
    }

    @Test
    void customAttributesArePutListedAndDeleted() {
        String arn = arnOf(ecs.ok("RegisterContainerInstance", register("t3.small", "eu-west-1a")));
        String id = arn.substring(arn.lastIndexOf('/') + 1);
        ecs.ok("PutAttributes", "{\"cluster\":\"fleet\",\"attributes\":[{\"name\":\"rack\",\"value\":\"r7\","
                + "\"targetType\":\"container-instance\",\"targetId\":\"" + id + "\"},{\"name\":\"stack\",\"value\":\"dev\",\"targetId\":\"" + arn + "\"}]}")
                .body("attributes", hasSize(2));
        ecs.ok("ListAttributes", "{\"cluster\":\"fleet\",\"targetType\":\"container-instance\","
                        + "\"attributeName\":\"stack\"}")
                .body("attributes", hasSize(1))
                .body("attributes[0].value", equalTo("dev"))
                .body("attributes[0].targetId", equalTo(arn));
        ecs.ok("ListContainerInstances", "{\"cluster\":\"fleet\",\"filter\":\"attribute:rack == r7\"}")
                .body("containerInstanceArns", contains(arn));
        ecs.ok("DeleteAttributes", "{\"cluster\":\"fleet\",\"attributes\":[{\"name\":\"rack\",\"targetId\":\""
                + arn + "\"}]}");
        ecs.ok("ListAttributes", "{\"cluster\":\"fleet\",\"targetType\":\"container-instance\","
                + "\"attributeName\":\"rack\"}").body("attributes", hasSize(0));
    }

    @Test
    void attributeRulesAreEnforced() {
        String arn = arnOf(ecs.ok("RegisterContainerInstance", register("t3.small", "eu-west-1a")));
        ecs.error("PutAttributes", "{\"cluster\":\"fleet\",\"attributes\":[{\"name\":\"ecs.instance-type\","
                + "\"value\":\"x\",\"targetId\":\"" + arn + "\"}]}", "InvalidParameterException");
        ecs.error("PutAttributes", "{\"cluster\":\"fleet\",\"attributes\":[{\"name\":\"a\",\"value\":\"b\","
                + "\"targetType\":\"container-instance\",\"targetId\":\"ffffffffffffffffffffffffffffffff\"}]}",
                "TargetNotFoundException");
        // A short id says nothing of its kind: ECS wants targetType with it.
        ecs.error("PutAttributes", "{\"cluster\":\"fleet\",\"attributes\":[{\"name\":\"a\",\"value\":\"b\","
                + "\"targetId\":\"" + arn.substring(arn.lastIndexOf('/') + 1) + "\"}]}", "InvalidParameterException")
                .body("message", equalTo("targetType is required when targetId is not an ARN."));
        // An ARN names its cluster; another cluster in the request does not hold it.
        ecs.error("PutAttributes", "{\"cluster\":\"elsewhere\",\"attributes\":[{\"name\":\"a\",\"value\":\"b\","
                + "\"targetId\":\"" + arn + "\"}]}", "TargetNotFoundException");
        StringBuilder ten = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            ten.append(i == 0 ? "" : ",").append("{\"name\":\"k").append(i).append("\",\"value\":\"v\",\"targetId\":\"")
                    .append(arn).append("\"}");
        }
        ecs.error("PutAttributes", "{\"cluster\":\"fleet\",\"attributes\":[" + ten + "]}",
                "AttributeLimitExceededException");
        ecs.error("ListAttributes", "{\"cluster\":\"fleet\",\"targetType\":\"task\"}", "InvalidParameterException");
        ecs.error("ListAttributes", "{\"cluster\":\"fleet\",\"targetType\":\"container-instance\","
                + "\"attributeValue\":\"x\"}", "InvalidParameterException");
    }

    @Test
    void aTargetNamedByItsArnNeedsNoCluster() {
        String arn = arnOf(ecs.ok("RegisterContainerInstance", register("t3.small", "eu-west-1a")));
        ecs.ok("PutAttributes", "{\"attributes\":[{\"name\":\"rack\",\"value\":\"r9\",\"targetId\":\"" + arn
                + "\"}]}").body("attributes[0].targetId", equalTo(arn));
        ecs.ok("ListAttributes", "{\"cluster\":\"fleet\",\"targetType\":\"container-instance\","
                + "\"attributeName\":\"rack\"}").body("attributes[0].value", equalTo("r9"));
        ecs.ok("DeleteAttributes", "{\"attributes\":[{\"name\":\"rack\",\"targetId\":\"" + arn + "\"}]}");
    }

    @Test
    void aRetriedRegistrationWithTheSameClientTokenIsTheSameInstance() {
        String body = register("t3.small", "eu-west-1a").replace("{\"cluster\":\"fleet\",",
                "{\"cluster\":\"fleet\",\"clientToken\":\"6b0ec3b7-2a9e-4d8f-9b55-3c1f0e6a7d21\",");
        String first = arnOf(ecs.ok("RegisterContainerInstance", body));
        assertThat(arnOf(ecs.ok("RegisterContainerInstance", body))).isEqualTo(first);
        assertThat(arnOf(ecs.ok("RegisterContainerInstance", body.replace("6b0ec3b7", "00000000"))))
                .isNotEqualTo(first);
        ecs.ok("ListContainerInstances", "{\"cluster\":\"fleet\"}").body("containerInstanceArns", hasSize(2));
    }

    @Test
    void aClientWithOnlyAnIdentityDocumentGetsWhatAHostOfThatTypeWouldRegister() {
        String body = "{\"cluster\":\"fleet\",\"instanceIdentityDocument\":\"{\\\"instanceId\\\":\\\"i-0moto\\\","
                + "\\\"instanceType\\\":\\\"m1.small\\\",\\\"availabilityZone\\\":\\\"eu-west-1a\\\"}\"}";
        ecs.ok("RegisterContainerInstance", body)
                .body("containerInstance.ec2InstanceId", equalTo("i-0moto"))
                .body("containerInstance.registeredResources.name", contains("CPU", "MEMORY", "PORTS", "PORTS_UDP"))
                .body("containerInstance.registeredResources[0].integerValue", equalTo(1024))
                .body("containerInstance.registeredResources[1].integerValue", equalTo(1740 - 87))
                .body("containerInstance.registeredResources[2].stringSetValue",
                        contains("22", "2375", "2376", "51678", "51679"))
                .body("containerInstance.attributes.name", contains("ecs.instance-type", "ecs.availability-zone"));
    }

    @Test
    void anAgentThatRegistersAgainWithItsArnReportsItsCapabilitiesAnew() {
        String first = register("t3.small", "eu-west-1a").replace("\"attributes\":[",
                "\"attributes\":[{\"name\":\"ecs.capability.task-eni\"},");
        String arn = arnOf(ecs.ok("RegisterContainerInstance", first));
        String again = register("t3.small", "eu-west-1a").replace("{\"cluster\":\"fleet\",",
                "{\"cluster\":\"fleet\",\"containerInstanceArn\":\"" + arn + "\",").replace("\"attributes\":[",
                "\"attributes\":[{\"name\":\"ecs.capability.container-health-check\"},");
        ecs.ok("RegisterContainerInstance", again)
                .body("containerInstance.containerInstanceArn", equalTo(arn))
                .body("containerInstance.attributes.name", hasItem("ecs.capability.container-health-check"))
                .body("containerInstance.attributes.name", not(hasItem("ecs.capability.task-eni")))
                .body("containerInstance.attributes.find { it.name == 'stack' }.value", equalTo("prod"));
        ecs.ok("ListContainerInstances", "{\"cluster\":\"fleet\",\"filter\":"
                + "\"attribute:ecs.capability.container-health-check exists\"}").body("containerInstanceArns",
                contains(arn));
    }

    @Test
    void discoverPollEndpointNamesTheControlPlane() {
        ecs.ok("DiscoverPollEndpoint", "{\"containerInstance\":\"x\",\"zoneId\":\"use1-az1\"}")
                .body("endpoint", org.hamcrest.Matchers.startsWith("http"))
                .body("systemLogsEndpoint", org.hamcrest.Matchers.startsWith("http"));
    }

    static String arnOf(io.restassured.response.ValidatableResponse response) {
        return response.extract().path("containerInstance.containerInstanceArn");
    }
}
