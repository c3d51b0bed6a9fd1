package io.berth.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.cluster.accountsetting.AccountSettingsProjection;
import io.berth.cluster.capacityprovider.CapacityProviderProjection;
import io.berth.cluster.cluster.ClusterProjection;
import io.berth.cluster.taskdefinition.TaskDefinitionProjection;
import io.berth.eventstore.ProjectionRebuilder;
import io.berth.testsupport.EcsCalls;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rebuilding every projection from the event store gives the same answers as the live projections. */
@QuarkusTest
class RebuildTest {

    @Inject
    ProjectionRebuilder rebuilder;
    @Inject
    ClusterProjection clusters;
    @Inject
    TaskDefinitionProjection taskDefinitions;
    @Inject
    CapacityProviderProjection capacityProviders;
    @Inject
    AccountSettingsProjection accountSettings;

    EcsCalls ecs = EcsCalls.newAccount();

    @Test
    void rebuiltProjectionsAnswerExactlyLikeTheLiveOnes() {
        ecs.ok("CreateCapacityProvider", "{\"name\":\"p\",\"autoScalingGroupProvider\":{\"autoScalingGroupArn\":\"a\"}}");
        ecs.ok("CreateCluster", """
                {"clusterName":"a","capacityProviders":["p"],"tags":[{"key":"k","value":"v"}]}""");
        ecs.ok("CreateCluster", "{\"clusterName\":\"b\"}");
        ecs.ok("UpdateClusterSettings", "{\"cluster\":\"b\",\"settings\":[{\"name\":\"containerInsights\","
                + "\"value\":\"enabled\"}]}");
        ecs.ok("CreateCluster", "{\"clusterName\":\"c\"}");
        ecs.ok("DeleteCluster", "{\"cluster\":\"c\"}");
        ecs.ok("RegisterTaskDefinition", """
                {"family":"f","containerDefinitions":[{"name":"a","image":"busybox","memory":64}]}""");
        ecs.ok("RegisterTaskDefinition", """
                {"family":"f","containerDefinitions":[{"name":"a","image":"busybox","memory":128}]}""");
        ecs.ok("DeregisterTaskDefinition", "{\"taskDefinition\":\"f:1\"}");
        ecs.ok("PutAccountSetting", "{\"name\":\"containerInsights\",\"value\":\"enabled\"}");

        List<String> before = answers();
        for (var projection : List.of(clusters, taskDefinitions, capacityProviders, accountSettings)) {
            rebuilder.rebuild(projection);
        }
        assertThat(answers()).isEqualTo(before);
    }

    private List<String> answers() {
        return List.of(
                ecs.ok("DescribeClusters", "{\"clusters\":[\"a\",\"b\",\"c\"],\"include\":[\"TAGS\",\"SETTINGS\","
                        + "\"CONFIGURATIONS\",\"STATISTICS\"]}").extract().asString(),
                ecs.ok("ListClusters", "{}").extract().asString(),
                ecs.ok("DescribeTaskDefinition", "{\"taskDefinition\":\"f:1\",\"include\":[\"TAGS\"]}")
                        .extract().asString(),
                ecs.ok("DescribeTaskDefinition", "{\"taskDefinition\":\"f\"}").extract().asString(),
                ecs.ok("ListTaskDefinitionFamilies", "{}").extract().asString(),
                ecs.ok("DescribeCapacityProviders", "{\"include\":[\"TAGS\"]}").extract().asString(),
                ecs.ok("ListAccountSettings", "{\"effectiveSettings\":true}").extract().asString());
    }
}
