package io.berth.cluster.capacityprovider;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.berth.testsupport.EcsCalls;
import io.berth.events.EventEnvelope;
import io.berth.events.Topics;
import io.berth.testsupport.SharedInfrastructure;
import io.berth.testsupport.TopicProbe;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CapacityProviderResourceTest {

    static final String SPOT = """
            {"name":"spot","autoScalingGroupProvider":{"autoScalingGroupArn":
             "arn:aws:autoscaling:eu-west-1:000000000000:autoScalingGroup:1:autoScalingGroupName/spot"}}""";

    EcsCalls ecs = EcsCalls.newAccount();

    @Test
    void fargateProvidersExistInEveryAccount() {
        ecs.ok("DescribeCapacityProviders", "{}")
                .body("capacityProviders.name", contains("FARGATE", "FARGATE_SPOT"))
                .body("capacityProviders[0].capacityProviderArn", equalTo(ecs.arn("capacity-provider/FARGATE")));
        ecs.error("DeleteCapacityProvider", "{\"capacityProvider\":\"FARGATE\"}", "InvalidParameterException");
    }

    @Test
    void createGetsTheManagedScalingDefaultsAndUpdateChangesThem() {
        ecs.ok("CreateCapacityProvider", SPOT)
                .body("capacityProvider.status", equalTo("ACTIVE"))
                .body("capacityProvider.autoScalingGroupProvider.managedScaling.targetCapacity", equalTo(100))
                .body("capacityProvider.autoScalingGroupProvider.managedScaling.maximumScalingStepSize",
                        equalTo(10000))
                .body("capacityProvider.autoScalingGroupProvider.managedTerminationProtection", equalTo("DISABLED"));
        ecs.ok("UpdateCapacityProvider", """
                {"name":"spot","autoScalingGroupProvider":{"managedScaling":{"targetCapacity":80}}}""")
                .body("capacityProvider.autoScalingGroupProvider.managedScaling.targetCapacity", equalTo(80))
                .body("capacityProvider.updateStatus", equalTo("UPDATE_COMPLETE"));
        ecs.ok("DescribeCapacityProviders", "{\"capacityProviders\":[\"spot\",\"nope\"],\"include\":[\"TAGS\"]}")
                .body("capacityProviders", hasSize(1))
                .body("capacityProviders[0].tags", hasSize(0))
                .body("failures[0].reason", equalTo("MISSING"));
        ecs.error("CreateCapacityProvider", SPOT, "ClientException").body("message", equalTo(
                "The specified capacity provider already exists. To change the configuration of an existing"
                        + " capacity provider, update the capacity provider."));
    }

    @Test
    void aProviderInUseByAClusterCannotBeDeleted() {
        ecs.ok("CreateCapacityProvider", SPOT);
        ecs.ok("CreateCluster", "{\"clusterName\":\"c\",\"capacityProviders\":[\"spot\"]}");
        ecs.error("DeleteCapacityProvider", "{\"capacityProvider\":\"spot\"}", "ResourceInUseException");
        ecs.ok("PutClusterCapacityProviders",
                "{\"cluster\":\"c\",\"capacityProviders\":[],\"defaultCapacityProviderStrategy\":[]}");
        ecs.ok("DeleteCapacityProvider", "{\"capacityProvider\":\"spot\"}")
                .body("capacityProvider.status", equalTo("INACTIVE"));
        ecs.ok("DescribeCapacityProviders", "{}").body("capacityProviders", hasSize(2));
    }

    @Test
    void anAutoScalingGroupServesOneCapacityProvider() {
        ecs.ok("CreateCapacityProvider", SPOT);
        String again = SPOT.replace("\"spot\"", "\"spot-again\"");
        String message = "The specified Auto Scaling group ARN is already being used by another capacity provider."
                + " Specify a unique Auto Scaling group ARN and try again.";
        ecs.error("CreateCapacityProvider", again, "ClientException").body("message", equalTo(message));
        // The group by its name is the same group.
        ecs.error("CreateCapacityProvider", """
                {"name":"by-name","autoScalingGroupProvider":{"autoScalingGroupArn":"spot"}}""", "ClientException")
                .body("message", equalTo(message));
        ecs.ok("DescribeCapacityProviders", "{}").body("capacityProviders", hasSize(3));
        ecs.ok("DeleteCapacityProvider", "{\"capacityProvider\":\"spot\"}");
        ecs.ok("CreateCapacityProvider", again);
    }

    @Test
    void describePaginatesByTen() {
        for (int i = 0; i < 9; i++) {
            ecs.ok("CreateCapacityProvider", SPOT.replace("spot", "p" + i));
        }
        ecs.ok("DescribeCapacityProviders", "{}").body("capacityProviders", hasSize(10))
                .body("nextToken", notNullValue());
    }

    @Test
    void eventsReachTheTopicKeyedByTheProviderArn() {
        String arn = ecs.arn("capacity-provider/spot");
        try (TopicProbe probe = new TopicProbe(SharedInfrastructure.get().kafkaBootstrapServers(),
                Topics.CAPACITY_PROVIDER_EVENTS)) {
            ecs.ok("CreateCapacityProvider", SPOT);
            ecs.ok("DeleteCapacityProvider", "{\"capacityProvider\":\"spot\"}");
            List<ConsumerRecord<String, EventEnvelope>> records = await().atMost(Duration.ofSeconds(20))
                    .until(() -> probe.poll().stream().filter(r -> arn.equals(r.key())).toList(), r -> r.size() == 2);
            assertThat(records).extracting(r -> r.value().type())
                    .containsExactly("CapacityProviderCreated", "CapacityProviderDeleted");
        }
    }

    @Test
    void invalidProvidersAreRejected() {
        ecs.error("CreateCapacityProvider", SPOT.replace("\"spot\"", "\"ecs-things\""), "InvalidParameterException")
                .body("message", equalTo("The capacity provider name cannot start with 'aws', 'ecs' or 'fargate'."));
        ecs.error("CreateCapacityProvider", "{\"name\":\"x\"}", "InvalidParameterException");
        ecs.error("CreateCapacityProvider", """
                {"name":"x","autoScalingGroupProvider":{"autoScalingGroupArn":"a",
                 "managedScaling":{"targetCapacity":0}}}""", "InvalidParameterException")
                .body("message", equalTo("managedScaling.targetCapacity must be between 1 and 100."));
        ecs.error("CreateCapacityProvider", """
                {"name":"x","autoScalingGroupProvider":{"autoScalingGroupArn":"a",
                 "managedScaling":{"status":"DISABLED"},"managedTerminationProtection":"ENABLED"}}""",
                "InvalidParameterException");
        ecs.error("UpdateCapacityProvider", "{\"name\":\"nope\",\"autoScalingGroupProvider\":{}}", "ClientException");
    }
}
