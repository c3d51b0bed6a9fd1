package io.berth.agent.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.agent.fleet.DaemonService;
import io.berth.eventstore.LeaderElection;
import io.berth.eventstore.LeaderElections;
import io.berth.events.CapacityProviderEvent.CapacityProviderCreated;
import io.berth.events.ClusterEvent.ClusterCreated;
import io.berth.events.EventJson;
import io.berth.events.ScalingEvent.CapacityAdjustmentRequested;
import io.berth.events.ServiceEvent.ServiceCreated;
import io.berth.events.Shapes.ManagedScaling;
import io.berth.events.TaskEvent.TaskPlaced;
import io.berth.events.TaskEvent.TaskStopRequested;
import io.berth.testsupport.AdvisoryLockHolders;
import io.berth.testsupport.EcsCalls;
import io.berth.testsupport.TestPublisher;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.xml.XmlPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Launch templates and Auto Scaling groups through the agent-service's Query faces (the flat parameters
 * the gateway forwards), with real Kafka and PostgreSQL: groups launch simulated instances that register
 * into the cluster their user data names, follow a capacity provider's requests from the real topic, and
 * drain an instance before terminating it; and only the replica that leads the converger's election converges.
 */
@QuarkusTest
class AutoScalingGroupTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    GroupConverger converger;
    @Inject
    LeaderElections elections;
    @Inject
    DataSource dataSource;

    final EcsCalls ecs = EcsCalls.newAccount();
    final EcsCalls asg = ecs.ec2AutoScaling();
    final EcsCalls ec2 = ecs.ec2();

    static String userData(String cluster) {
        return Base64.getEncoder().encodeToString(("#!/bin/bash\necho ECS_CLUSTER=" + cluster
                + " >> /etc/ecs/ecs.config\n").getBytes(StandardCharsets.UTF_8));
    }

    void clusterAndProvider(String cluster, String provider, String group) {
        clusterAndProvider(cluster, provider, group, null);
    }

    void clusterAndProvider(String cluster, String provider, String group, String managedDraining) {
        try (TestPublisher publisher = new TestPublisher()) {
            String clusterArn = ecs.arn("cluster/" + cluster);
            publisher.publish(TestPublisher.envelope("cluster", clusterArn, 1, ecs.account(), new ClusterCreated(
                    clusterArn, cluster, List.of(), List.of(), List.of(), List.of(), null, null)));
            String providerArn = ecs.arn("capacity-provider/" + provider);
            publisher.publish(TestPublisher.envelope("capacity-provider", providerArn, 1, ecs.account(),
                    new CapacityProviderCreated(providerArn, provider, group, new ManagedScaling("ENABLED", 100, 1,
                            10000, 300), "DISABLED", List.of(), managedDraining)));
            await().atMost(WAIT).until(() -> QuarkusTransaction.requiringNew().call(() ->
                    CapacityProviderGroup.findById(providerArn) != null));
        }
    }

    String template(String name, String cluster) {
        return XmlPath.from(ec2.ok("CreateLaunchTemplate", """
                {"Action":"CreateLaunchTemplate","LaunchTemplateName":"%s","LaunchTemplateData.InstanceType":"m5.large",
                 "LaunchTemplateData.ImageId":"ami-0abc","LaunchTemplateData.UserData":"%s",
                 "TagSpecification.1.ResourceType":"launch-template","TagSpecification.1.Tag.1.Key":"berth:runtime",
                 "TagSpecification.1.Tag.1.Value":"simulated"}""".formatted(name, userData(cluster)))
                .extract().asString()).getString("CreateLaunchTemplateResponse.launchTemplate.launchTemplateId");
    }

    void group(String name, String templateId, int desired) {
        asg.ok("CreateAutoScalingGroup", """
                {"AutoScalingGroupName":"%s","MinSize":"0","MaxSize":"4","DesiredCapacity":"%d",
                 "LaunchTemplate.LaunchTemplateId":"%s","AvailabilityZones.member.1":"eu-west-1a",
                 "AvailabilityZones.member.2":"eu-west-1b","Tags.member.1.Key":"team","Tags.member.1.Value":"web",
                 "Tags.member.1.PropagateAtLaunch":"true"}""".formatted(name, desired, templateId));
    }

    XmlPath instances() {
        return XmlPath.from(asg.ok("DescribeAutoScalingInstances", "{}").extract().asString())
                .setRootPath("DescribeAutoScalingInstancesResponse.DescribeAutoScalingInstancesResult"
                        + ".AutoScalingInstances.member");
    }

    List<String> inService(String group) {
        XmlPath xml = instances();
        List<String> ids = xml.getList("findAll { it.AutoScalingGroupName == '" + group
                + "' && it.LifecycleState == 'InService' }.InstanceId", String.class);
        return ids;
    }

    String containerInstanceOf(String cluster, String instanceId) {
        List<String> arns = ecs.ok("ListContainerInstances", "{\"cluster\":\"" + cluster + "\"}").extract()
                .jsonPath().getList("containerInstanceArns", String.class);
        String body = EventJson.mapper().createObjectNode().put("cluster", cluster)
                .set("containerInstances", EventJson.mapper().valueToTree(arns)).toString();
        return ecs.ok("DescribeContainerInstances", body).extract().jsonPath()
                .getString("containerInstances.find { it.ec2InstanceId == '" + instanceId + "' }.containerInstanceArn");
    }

    @Test
    void aGroupLaunchesInstancesIntoTheClusterItsUserDataNamesWithItsProvidersName() {
        clusterAndProvider("prod", "prod-cp", "web");
        String templateId = template("web-hosts", "prod");
        assertThat(templateId).matches("lt-[0-9a-f]{17}");
        group("web", templateId, 2);

        await().atMost(WAIT).until(() -> inService("web").size() == 2);
        XmlPath xml = instances();
        assertThat(xml.getList("AvailabilityZone", String.class)).containsExactlyInAnyOrder("eu-west-1a",
                "eu-west-1b");
        assertThat(xml.getList("InstanceType", String.class)).containsOnly("m5.large");
        ecs.ok("ListContainerInstances", "{\"cluster\":\"prod\"}").body("containerInstanceArns", hasSize(2));
        String arn = containerInstanceOf("prod", inService("web").get(0));
        ecs.ok("DescribeContainerInstances", "{\"cluster\":\"prod\",\"containerInstances\":[\"" + arn + "\"]}")
                .body("containerInstances[0].capacityProviderName", equalTo("prod-cp"))
                .body("containerInstances[0].attributes.find { it.name == 'ecs.instance-type' }.value",
                        equalTo("m5.large"));

        asg.ok("DescribeAutoScalingGroups", "{\"AutoScalingGroupNames.member.1\":\"web\"}")
                .body("DescribeAutoScalingGroupsResponse.DescribeAutoScalingGroupsResult.AutoScalingGroups.member"
                        + ".AutoScalingGroupARN", startsWith("arn:aws:autoscaling:eu-west-1:" + ecs.account()
                                + ":autoScalingGroup:"))
                .body("DescribeAutoScalingGroupsResponse.DescribeAutoScalingGroupsResult.AutoScalingGroups.member"
                        + ".Tags.member.Key", equalTo("team"));
        asg.ok("DescribeAutoScalingGroups", "{\"Filters.member.1.Name\":\"tag:team\","
                + "\"Filters.member.1.Values.member.1\":\"nobody\"}")
                .body("DescribeAutoScalingGroupsResponse.DescribeAutoScalingGroupsResult.AutoScalingGroups"
                        + ".children().size()", equalTo(0));
        await().atMost(WAIT).untilAsserted(() -> asg.ok("DescribeScalingActivities",
                "{\"AutoScalingGroupName\":\"web\"}")
                .body("DescribeScalingActivitiesResponse.DescribeScalingActivitiesResult.Activities.member"
                        + ".StatusCode", everyItem(equalTo("Successful")))
                .body("DescribeScalingActivitiesResponse.DescribeScalingActivitiesResult.Activities.member"
                        + ".Cause", everyItem(containsString("a user request created an AutoScalingGroup"))));

        // The group's history, which the console's instance-count chart folds; another account has no such group.
        List<String> types = ecs.get("/v1/auto-scaling-groups/web/events").statusCode(200).extract().jsonPath()
                .getList("events.type", String.class);
        assertThat(types).startsWith("AutoScalingGroupCreated").containsSubsequence("GroupInstanceLaunching",
                "GroupInstanceInService");
        assertThat(types).filteredOn("GroupInstanceInService"::equals).hasSize(2);
        EcsCalls.newAccount().get("/v1/auto-scaling-groups/web/events").statusCode(404)
                .body("message", equalTo("The Auto Scaling group web was not found."));
    }

    @Test
    void badRequestsGetAutoScalingsAndEc2sXmlErrorsAndChangeNothing() {
        String templateId = template("bad-hosts", "default");
        ec2.call("CreateLaunchTemplate", "{\"LaunchTemplateName\":\"bad-hosts\",\"LaunchTemplateData.InstanceType\":"
                + "\"m5.large\"}").statusCode(400)
                .body("Response.Errors.Error.Code", equalTo("InvalidLaunchTemplateName.AlreadyExistsException"));
        ec2.call("DescribeLaunchTemplates", "{\"LaunchTemplateId.1\":\"lt-00000000000000000\"}").statusCode(400)
                .body("Response.Errors.Error.Code", equalTo("InvalidLaunchTemplateId.NotFound"));
        group("strict", templateId, 0);
        asg.call("CreateAutoScalingGroup", "{\"AutoScalingGroupName\":\"strict\",\"MinSize\":\"0\",\"MaxSize\":\"1\","
                + "\"LaunchTemplate.LaunchTemplateId\":\"" + templateId + "\",\"AvailabilityZones.member.1\":\"a\"}")
                .statusCode(400).body("ErrorResponse.Error.Code", equalTo("AlreadyExists"))
                .body("ErrorResponse.Error.Type", equalTo("Sender"));
        asg.call("SetDesiredCapacity", "{\"AutoScalingGroupName\":\"strict\",\"DesiredCapacity\":\"9\"}")
                .statusCode(400).body("ErrorResponse.Error.Code", equalTo("ValidationError"))
                .body("ErrorResponse.Error.Message", equalTo("New SetDesiredCapacity value 9 is above max value 4"
                        + " for the AutoScalingGroup."));
        asg.call("SetDesiredCapacity", "{\"AutoScalingGroupName\":\"ghost\",\"DesiredCapacity\":\"1\"}")
                .statusCode(400).body("ErrorResponse.Error.Message", equalTo("AutoScalingGroup name not found -"
                        + " AutoScalingGroup 'ghost' not found"));
        asg.call("UpdateAutoScalingGroup", "{\"AutoScalingGroupName\":\"strict\",\"MinSize\":\"x\"}")
                .statusCode(400).body("ErrorResponse.Error.Message", containsString("'MinSize'"));
        asg.call("CreateAutoScalingGroup", "{\"AutoScalingGroupName\":\"no-template\",\"MinSize\":\"0\","
                + "\"MaxSize\":\"1\",\"AvailabilityZones.member.1\":\"a\"}").statusCode(400)
                .body("ErrorResponse.Error.Message", startsWith("Valid requests must contain either LaunchTemplate"));
        asg.call("Nonsense", "{}").statusCode(400).body("ErrorResponse.Error.Code", equalTo("InvalidAction"));
        asg.ok("DescribeAutoScalingGroups", "{}")
                .body("DescribeAutoScalingGroupsResponse.DescribeAutoScalingGroupsResult.AutoScalingGroups.member"
                        + ".AutoScalingGroupName", equalTo("strict"))
                .body("DescribeAutoScalingGroupsResponse.DescribeAutoScalingGroupsResult.AutoScalingGroups.member"
                        + ".DesiredCapacity", equalTo("0"));
    }

    @Test
    void capacityRequestsFromTheTopicScaleTheGroupAndManagedDrainingWaitsForTheTasks() {
        clusterAndProvider("drain", "drain-cp", "workers");
        String templateId = template("worker-hosts", "drain");
        group("workers", templateId, 1);
        await().atMost(WAIT).until(() -> inService("workers").size() == 1);
        String first = inService("workers").get(0);
        String groupArn = XmlPath.from(asg.ok("DescribeAutoScalingGroups", "{\"AutoScalingGroupNames.member.1\":"
                + "\"workers\"}").extract().asString()).getString("**.find { it.name() == 'AutoScalingGroupARN' }");
        String clusterArn = ecs.arn("cluster/drain");
        String providerArn = ecs.arn("capacity-provider/drain-cp");

        try (TestPublisher publisher = new TestPublisher()) {
            publisher.publish(TestPublisher.envelope("scaling", clusterArn, 1, ecs.account(),
                    new CapacityAdjustmentRequested(clusterArn, providerArn, groupArn, 2, null,
                            "CapacityProviderReservation 200 above target 100", Instant.now())));
            await().atMost(WAIT).until(() -> inService("workers").size() == 2);

            String busy = containerInstanceOf("drain", first);
            String task = ecs.arn("task/drain/" + UUID.randomUUID().toString().replace("-", ""));
            publisher.publish(TestPublisher.envelope("task", task, 1, ecs.account(), new TaskPlaced(clusterArn, task,
                    ecs.arn("task-definition/job:1"), busy, "family:job", null, "EC2", "drain-cp", 0, 128, List.of(),
                    definition(), null, List.of(), null, "eu-west-1a", Instant.now())));
            // A daemon's task on the same instance: draining waits for the other task only, and it stops last.
            String monitor = ecs.arn("service/drain/monitor");
            publisher.publish(TestPublisher.envelope("service", monitor, 1, ecs.account(), new ServiceCreated(
                    clusterArn, monitor, "monitor", null, 0, "DAEMON", "EC2", null, List.of(), List.of())));
            String daemonTask = ecs.arn("task/drain/" + UUID.randomUUID().toString().replace("-", ""));
            publisher.publish(TestPublisher.envelope("task", daemonTask, 1, ecs.account(), new TaskPlaced(clusterArn,
                    daemonTask, ecs.arn("task-definition/monitor:1"), busy, "service:monitor", "ecs-svc/1", "EC2",
                    null, 0, 64, List.of(), definition(), null, List.of(), null, "eu-west-1a", Instant.now())));
            await().atMost(WAIT).until(() -> QuarkusTransaction.requiringNew().call(() ->
                    DaemonService.findById(monitor) != null));
            await().atMost(WAIT).untilAsserted(() -> ecs.ok("DescribeContainerInstances",
                    "{\"cluster\":\"drain\",\"containerInstances\":[\"" + busy + "\"]}")
                    .body("containerInstances[0].runningTasksCount", equalTo(2)));

            // Managed termination protection: only the busy instance is offered, so the scale-in must drain it.
            publisher.publish(TestPublisher.envelope("scaling", clusterArn, 2, ecs.account(),
                    new CapacityAdjustmentRequested(clusterArn, providerArn, "workers", 1, List.of(first),
                            "CapacityProviderReservation 50 below target 100", Instant.now())));
            await().atMost(WAIT).untilAsserted(() -> ecs.ok("DescribeContainerInstances",
                    "{\"cluster\":\"drain\",\"containerInstances\":[\"" + busy + "\"]}")
                    .body("containerInstances[0].status", equalTo("DRAINING")));
            XmlPath during = instances();
            assertThat(during.getString("find { it.InstanceId == '" + first + "' }.LifecycleState"))
                    .isEqualTo("Terminating");
            assertThat(during.getString("find { it.AutoScalingGroupName == 'workers' && it.InstanceId != '" + first
                    + "' }.ProtectedFromScaleIn")).isEqualTo("true");

            publisher.publish(TestPublisher.envelope("task", task, 2, ecs.account(), new TaskStopRequested(
                    clusterArn, task, busy, "UserInitiated", "moved", Instant.now())));
            await().atMost(WAIT).untilAsserted(() -> ecs.ok("DescribeContainerInstances",
                    "{\"cluster\":\"drain\",\"containerInstances\":[\"" + busy + "\"]}")
                    .body("containerInstances[0].status", equalTo("INACTIVE")));
            await().atMost(WAIT).until(() -> instances().getList("findAll { it.AutoScalingGroupName == 'workers' }"
                    + ".InstanceId", String.class).size() == 1);
        }
        asg.ok("DescribeScalingActivities", "{\"AutoScalingGroupName\":\"workers\",\"MaxRecords\":\"1\"}")
                .body("DescribeScalingActivitiesResponse.DescribeScalingActivitiesResult.Activities.member.Cause",
                        containsString("CapacityProviderReservation 50 below target 100"))
                .body("DescribeScalingActivitiesResponse.DescribeScalingActivitiesResult.NextToken",
                        org.hamcrest.Matchers.notNullValue());

        asg.call("DeleteAutoScalingGroup", "{\"AutoScalingGroupName\":\"workers\"}").statusCode(400)
                .body("ErrorResponse.Error.Code", equalTo("ResourceInUse"));
        asg.ok("DeleteAutoScalingGroup", "{\"AutoScalingGroupName\":\"workers\",\"ForceDelete\":\"true\"}");
        await().atMost(WAIT).untilAsserted(() -> asg.ok("DescribeAutoScalingGroups",
                "{\"AutoScalingGroupNames.member.1\":\"workers\"}")
                .body("DescribeAutoScalingGroupsResponse.DescribeAutoScalingGroupsResult.AutoScalingGroups"
                        + ".children().size()", equalTo(0)));
        ecs.ok("ListContainerInstances", "{\"cluster\":\"drain\"}").body("containerInstanceArns", hasSize(0));
        ec2.ok("DeleteLaunchTemplate", "{\"LaunchTemplateName\":\"worker-hosts\"}")
                .body("DeleteLaunchTemplateResponse.launchTemplate.launchTemplateId", equalTo(templateId));
        ec2.ok("DescribeLaunchTemplates", "{\"Filter.1.Name\":\"launch-template-name\",\"Filter.1.Value.1\":"
                + "\"worker-hosts\"}").body("DescribeLaunchTemplatesResponse.launchTemplates.children().size()",
                        equalTo(0));
    }

    @Test
    void withoutManagedDrainingATerminatedInstanceLeavesAtOnceDespiteItsTask() {
        clusterAndProvider("nodrain", "nodrain-cp", "batch", "DISABLED");
        group("batch", template("batch-hosts", "nodrain"), 1);
        await().atMost(WAIT).until(() -> inService("batch").size() == 1);
        String instance = inService("batch").get(0);
        String busy = containerInstanceOf("nodrain", instance);
        String clusterArn = ecs.arn("cluster/nodrain");
        String task = ecs.arn("task/nodrain/" + UUID.randomUUID().toString().replace("-", ""));
        try (TestPublisher publisher = new TestPublisher()) {
            publisher.publish(TestPublisher.envelope("task", task, 1, ecs.account(), new TaskPlaced(clusterArn, task,
                    ecs.arn("task-definition/job:1"), busy, "family:job", null, "EC2", "nodrain-cp", 0, 128,
                    List.of(), definition(), null, List.of(), null, "eu-west-1a", Instant.now())));
            await().atMost(WAIT).untilAsserted(() -> ecs.ok("DescribeContainerInstances",
                    "{\"cluster\":\"nodrain\",\"containerInstances\":[\"" + busy + "\"]}")
                    .body("containerInstances[0].runningTasksCount", equalTo(1)));
        }

        // With managed draining the instance would wait in Terminating for its task (an hour, the lifecycle hook's).
        asg.ok("TerminateInstanceInAutoScalingGroup", "{\"InstanceId\":\"" + instance + "\","
                + "\"ShouldDecrementDesiredCapacity\":\"true\"}");
        await().atMost(WAIT).until(() -> instances().getList("findAll { it.AutoScalingGroupName == 'batch' }"
                + ".InstanceId", String.class).isEmpty());
        ecs.ok("ListContainerInstances", "{\"cluster\":\"nodrain\"}").body("containerInstanceArns", hasSize(0));
        asg.ok("DeleteAutoScalingGroup", "{\"AutoScalingGroupName\":\"batch\"}");
    }

    @Test
    void whileAnotherReplicaLeadsThisOneWaitsAndWhenThatReplicaDiesThisOneConverges() throws InterruptedException {
        clusterAndProvider("standby", "standby-cp", "standby");
        String templateId = template("standby-hosts", "standby");

        // A replica that shuts down gives the lead up at once: the other replica, asking next, takes it.
        converger.stop();
        try (LeaderElection other = elections.of(GroupConverger.ELECTION)) {
            boolean otherLeads = other.leads();
            converger.start();
            assertThat(otherLeads).isTrue();

            group("standby", templateId, 1);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                    .until(() -> inService("standby").isEmpty());
            ecs.ok("ListContainerInstances", "{\"cluster\":\"standby\"}").body("containerInstanceArns", hasSize(0));

            // The leading replica dies: its session ends, and this replica converges from its next round on.
            assertThat(AdvisoryLockHolders.terminate(dataSource, GroupConverger.ELECTION)).isEqualTo(1);
            await().atMost(WAIT).until(() -> inService("standby").size() == 1);
            assertThat(other.leads()).isFalse();
        }
    }

    private static ObjectNode definition() {
        ObjectNode definition = EventJson.mapper().createObjectNode();
        definition.put("family", "job").put("revision", 1).put("networkMode", "bridge");
        definition.putArray("containerDefinitions").addObject().put("name", "main").put("image", "busybox")
                .put("memory", 128).put("essential", true);
        return definition;
    }
}
