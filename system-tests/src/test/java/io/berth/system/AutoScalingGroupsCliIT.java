package io.berth.system;

import static io.berth.system.AwsCliIT.aws;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 20's Auto Scaling groups through the AWS CLI v2 against the stack, as ECS users script them: a
 * launch template whose user data names the cluster, a group of simulated instances that register there,
 * set-desired-capacity, a termination with decrement, errors in Auto Scaling's and EC2's XML (the CLI
 * parses both strictly), a forced delete that deregisters every instance.
 */
@ExtendWith(SharedStack.class)
class AutoScalingGroupsCliIT {

    static final Duration WAIT = Duration.ofSeconds(60);

    static int containerInstances(String cluster, String status) throws Exception {
        AwsCliIT.Run listed = aws("ecs", "list-container-instances", "--cluster", cluster, "--status", status);
        assertThat(listed.exit()).as(listed.err()).isZero();
        return listed.json().at("/containerInstanceArns").size();
    }

    static JsonNode group(String name) throws Exception {
        AwsCliIT.Run described = aws("autoscaling", "describe-auto-scaling-groups", "--auto-scaling-group-names",
                name);
        assertThat(described.exit()).as(described.err()).isZero();
        return described.json().at("/AutoScalingGroups");
    }

    @Test
    void aGroupFromALaunchTemplateRunsContainerInstancesInTheClusterItsUserDataNames() throws Exception {
        assertThat(aws("ecs", "create-cluster", "--cluster-name", "asg-prod").exit()).isZero();
        String userData = Base64.getEncoder().encodeToString(
                "#!/bin/bash\necho ECS_CLUSTER=asg-prod >> /etc/ecs/ecs.config\n".getBytes(StandardCharsets.UTF_8));
        AwsCliIT.Run template = aws("ec2", "create-launch-template", "--launch-template-name", "asg-hosts",
                "--launch-template-data", "{\"InstanceType\":\"t3.medium\",\"ImageId\":\"ami-0abc1234\","
                        + "\"UserData\":\"" + userData + "\"}",
                "--tag-specifications", "ResourceType=launch-template,Tags=[{Key=berth:runtime,Value=simulated}]");
        assertThat(template.exit()).as(template.err()).isZero();
        String templateId = template.json().at("/LaunchTemplate/LaunchTemplateId").asText();
        assertThat(templateId).startsWith("lt-");
        assertThat(template.json().at("/LaunchTemplate/DefaultVersionNumber").asInt()).isEqualTo(1);
        AwsCliIT.Run described = aws("ec2", "describe-launch-templates", "--launch-template-names", "asg-hosts");
        assertThat(described.exit()).as(described.err()).isZero();
        assertThat(described.json().at("/LaunchTemplates/0/Tags/0/Key").asText()).isEqualTo("berth:runtime");
        AwsCliIT.Run duplicate = aws("ec2", "create-launch-template", "--launch-template-name", "asg-hosts",
                "--launch-template-data", "{\"InstanceType\":\"t3.medium\"}");
        assertThat(duplicate.exit()).isNotZero();
        assertThat(duplicate.err()).contains("InvalidLaunchTemplateName.AlreadyExistsException");

        AwsCliIT.Run created = aws("autoscaling", "create-auto-scaling-group", "--auto-scaling-group-name",
                "asg-web", "--launch-template", "LaunchTemplateId=" + templateId + ",Version=$Latest",
                "--min-size", "1", "--max-size", "4", "--desired-capacity", "2",
                "--availability-zones", "us-east-1a", "us-east-1b", "--tags",
                "Key=team,Value=web,PropagateAtLaunch=true");
        assertThat(created.exit()).as(created.err()).isZero();
        await().atMost(WAIT).until(() -> containerInstances("asg-prod", "ACTIVE") == 2);
        await().atMost(WAIT).until(() -> group("asg-web").at("/0/Instances").findValuesAsText("LifecycleState")
                .stream().filter("InService"::equals).count() == 2);
        JsonNode web = group("asg-web").get(0);
        assertThat(web.at("/AutoScalingGroupARN").asText()).startsWith(
                "arn:aws:autoscaling:us-east-1:000000000000:autoScalingGroup:").endsWith(":autoScalingGroupName/asg-web");
        assertThat(web.at("/LaunchTemplate/LaunchTemplateName").asText()).isEqualTo("asg-hosts");
        assertThat(web.at("/Instances").findValuesAsText("AvailabilityZone")).containsExactlyInAnyOrder(
                "us-east-1a", "us-east-1b");
        assertThat(web.at("/Tags/0/PropagateAtLaunch").asBoolean()).isTrue();
        assertThat(web.at("/CreatedTime").asText()).isNotEmpty();

        AwsCliIT.Run tooMany = aws("autoscaling", "set-desired-capacity", "--auto-scaling-group-name", "asg-web",
                "--desired-capacity", "9");
        assertThat(tooMany.exit()).isNotZero();
        assertThat(tooMany.err()).contains("(ValidationError)")
                .contains("New SetDesiredCapacity value 9 is above max value 4 for the AutoScalingGroup.");
        AwsCliIT.Run unknown = aws("autoscaling", "set-desired-capacity", "--auto-scaling-group-name", "nowhere",
                "--desired-capacity", "1");
        assertThat(unknown.err()).contains("AutoScalingGroup name not found");
        assertThat(aws("autoscaling", "set-desired-capacity", "--auto-scaling-group-name", "asg-web",
                "--desired-capacity", "3").exit()).isZero();
        await().atMost(WAIT).until(() -> containerInstances("asg-prod", "ACTIVE") == 3);

        String victim = group("asg-web").at("/0/Instances/0/InstanceId").asText();
        AwsCliIT.Run terminated = aws("autoscaling", "terminate-instance-in-auto-scaling-group", "--instance-id",
                victim, "--should-decrement-desired-capacity");
        assertThat(terminated.exit()).as(terminated.err()).isZero();
        assertThat(terminated.json().at("/Activity/Description").asText()).isEqualTo("Terminating EC2 instance: "
                + victim);
        await().atMost(WAIT).until(() -> containerInstances("asg-prod", "ACTIVE") == 2
                && group("asg-web").at("/0/Instances").size() == 2);
        assertThat(group("asg-web").at("/0/DesiredCapacity").asInt()).isEqualTo(2);
        AwsCliIT.Run instances = aws("autoscaling", "describe-auto-scaling-instances");
        assertThat(instances.exit()).as(instances.err()).isZero();
        assertThat(instances.json().at("/AutoScalingInstances").findValuesAsText("AutoScalingGroupName"))
                .containsOnly("asg-web");
        assertThat(instances.json().at("/AutoScalingInstances/0/HealthStatus").asText()).isEqualTo("HEALTHY");
        AwsCliIT.Run protectedOne = aws("autoscaling", "set-instance-protection", "--auto-scaling-group-name",
                "asg-web", "--instance-ids", instances.json().at("/AutoScalingInstances/0/InstanceId").asText(),
                "--protected-from-scale-in");
        assertThat(protectedOne.exit()).as(protectedOne.err()).isZero();
        AwsCliIT.Run activities = aws("autoscaling", "describe-scaling-activities", "--auto-scaling-group-name",
                "asg-web");
        assertThat(activities.exit()).as(activities.err()).isZero();
        assertThat(activities.json().at("/Activities").findValuesAsText("Description"))
                .contains("Terminating EC2 instance: " + victim);

        AwsCliIT.Run inUse = aws("autoscaling", "delete-auto-scaling-group", "--auto-scaling-group-name", "asg-web");
        assertThat(inUse.exit()).isNotZero();
        assertThat(inUse.err()).contains("(ResourceInUse)");
        AwsCliIT.Run deleted = aws("autoscaling", "delete-auto-scaling-group", "--auto-scaling-group-name", "asg-web",
                "--force-delete");
        assertThat(deleted.exit()).as(deleted.err()).isZero();
        await().atMost(WAIT).until(() -> group("asg-web").isEmpty());
        assertThat(containerInstances("asg-prod", "ACTIVE")).isZero();

        assertThat(aws("ec2", "delete-launch-template", "--launch-template-id", templateId).exit()).isZero();
        AwsCliIT.Run gone = aws("ec2", "describe-launch-templates", "--launch-template-names", "asg-hosts");
        assertThat(gone.exit()).isNotZero();
        assertThat(gone.err()).contains("InvalidLaunchTemplateName.NotFoundException");
    }
}
