package io.berth.system;

import static io.berth.system.AutoScalingGroupsCliIT.group;
import static io.berth.system.AwsCliIT.aws;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.StreamSupport;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20's two levels together through the AWS CLI v2 (ecs, ec2, autoscaling, application-autoscaling) against
 * the shared stack: an Auto Scaling group from a launch template whose user data names the cluster (ADR 0038), a
 * capacity provider with managed scaling and managed termination protection as the cluster's default strategy (ADR
 * 0039), and a service with a target tracking policy on ECSServiceAverageCPUUtilization. Load rises: the policy
 * raises the desired count, the new tasks wait in PROVISIONING, the provider's CapacityProviderReservation makes the
 * scaling-service scale the group out, the new instances register with the provider's name and every task runs.
 * Load falls: the policy scales the service in, the empty instances drain and leave, the group ends at its minimum,
 * and every task that stopped was stopped by the service scheduler's scale-in (ADR 0042).
 *
 * <p>Twice: with simulated instances, whose tasks report the load the test writes to a file
 * ({@code berth.simulate.cpu-file}), and at a small size with process instances (the launch template's
 * {@code berth:runtime} tag), whose tasks are host processes that really spin until the test tells them to rest,
 * and whose CPU the agent measures in {@code /proc}.
 *
 * <p>The shared stack's settings are left as they are ({@link RunningStack}): the scaling-service's metric period is
 * two seconds, so the service policy's high alarm needs 6 s of load and its low alarm 30 s of quiet; the scheduler
 * measures CapacityProviderReservation at least every two seconds, which is also the datapoint of managed scaling's
 * alarms (ADR 0042), so the group scales out 2 s after the metric rises above the target and scales in after 30 s
 * below it, one step a period.
 *
 * <p>The two tests run at the same time, and nothing else with them (the class runs in the same thread as the
 * others, its two methods each in its own): their clusters, groups, providers and services are their own, and almost
 * all of each is waiting for the alarms' windows, about two and a half minutes each, so that one after the other
 * they spent five. Each awaits its states every {@link #POLL}, not Awaitility's 100 ms: a look is several AWS CLI
 * processes of about a CPU-second each, which taken back to back would take one of the machine's two cores from the
 * stack whose scaling the test waits for.
 */
@ExtendWith(SharedStack.class)
class ClusterAutoScalingEndToEndIT {

    /** What one run creates, named apart so that a failed run's leftovers never meet the other's. */
    record Setup(String cluster, String template, String group, String provider, String service, String runtime) {

        static final Setup SIMULATED = new Setup("e2e-scale", "e2e-hosts", "e2e-hosts", "e2e-capacity", "web",
                "simulated");
        static final Setup PROCESS = new Setup("e2e-process", "e2e-process-hosts", "e2e-process-hosts",
                "e2e-process-capacity", "spinner", "process");

        String resource() {
            return "service/" + cluster + "/" + service;
        }
    }

    static final int TASKS = 6;
    /** A t3.medium registers 2,048 CPU units: two 1,024-unit tasks fit one instance, one 2,048-unit task. */
    static final int TASKS_PER_INSTANCE = 2;
    static final Duration SCALE_OUT = Duration.ofMinutes(2);
    static final Duration SCALE_IN = Duration.ofMinutes(5);
    static final Duration POLL = Duration.ofSeconds(1);

    /** The run of the test in progress, which {@link #cleanUp()} removes. */
    private Setup setup;

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void loadScalesTheServiceOutAndTheGroupWithItThenBothBackToTheirMinimum(@TempDir Path directory)
            throws Exception {
        setup = Setup.SIMULATED;
        Path load = directory.resolve("cpu");
        Files.writeString(load, "10");
        groupWithManagedProvider(setup, 4);
        registerAndCreateService(setup, 1024, "{\"berth.simulate.cpu-file\":\"" + load + "\"}", null);
        trackCpu(setup, TASKS, 50);

        // 90% against a 50% target: 1 → 2 → 4 → 6, where the scalable target's maximum holds it.
        Files.writeString(load, "90");
        List<JsonNode> peak = awaitScaleOut(setup, TASKS, TASKS / TASKS_PER_INSTANCE);

        Files.writeString(load, "5");
        awaitScaleInWithoutLosingATask(setup, peak, TASKS / TASKS_PER_INSTANCE);
    }

    /**
     * The same with process instances at the smallest size: one task per instance, each a shell spinning on a CPU
     * until the file appears. One spinning task (up to 50% of the two vCPUs it reserves) against a 10% target asks
     * for a second task, which waits for a second instance.
     */
    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void realLoadOfProcessTasksScalesTheServiceAndTheGroupOutAndBackIn(@TempDir Path directory) throws Exception {
        setup = Setup.PROCESS;
        Path rest = directory.resolve("rest");
        groupWithManagedProvider(setup, 2);
        registerAndCreateService(setup, 2048, null, "while [ ! -e " + rest + " ]; do :; done; exec sleep 3600");
        // A low target: a spinning shell keeps above it even when the machine's other work takes most of a CPU.
        trackCpu(setup, 2, 10);

        List<JsonNode> peak = awaitScaleOut(setup, 2, 2);
        Files.createFile(rest);
        awaitScaleInWithoutLosingATask(setup, peak, 2);
    }

    /**
     * A group at its minimum of one instance, registered in the cluster with the managed provider's name (target
     * 100%, steps of 1 to 4, a 5 s warm-up, managed termination protection); {@link ConsoleIT} charts one too.
     */
    static void groupWithManagedProvider(Setup setup, int maxSize) throws Exception {
        assertThat(aws("ecs", "create-cluster", "--cluster-name", setup.cluster()).exit()).isZero();
        String userData = Base64.getEncoder().encodeToString(("#!/bin/bash\necho ECS_CLUSTER=" + setup.cluster()
                + " >> /etc/ecs/ecs.config\n").getBytes(StandardCharsets.UTF_8));
        AwsCliIT.Run template = aws("ec2", "create-launch-template", "--launch-template-name", setup.template(),
                "--launch-template-data", "{\"InstanceType\":\"t3.medium\",\"ImageId\":\"ami-0abc1234\","
                        + "\"UserData\":\"" + userData + "\"}", "--tag-specifications",
                "ResourceType=launch-template,Tags=[{Key=berth:runtime,Value=" + setup.runtime() + "}]");
        assertThat(template.exit()).as(template.err()).isZero();
        // Managed termination protection needs the group's instances protected from scale-in (ECS's rule).
        AwsCliIT.Run created = aws("autoscaling", "create-auto-scaling-group", "--auto-scaling-group-name",
                setup.group(), "--launch-template", "LaunchTemplateName=" + setup.template() + ",Version=$Latest",
                "--min-size", "0", "--max-size", String.valueOf(maxSize), "--desired-capacity", "0",
                "--availability-zones", "us-east-1a", "us-east-1b", "--new-instances-protected-from-scale-in");
        assertThat(created.exit()).as(created.err()).isZero();
        String groupArn = group(setup.group()).at("/0/AutoScalingGroupARN").asText();

        AwsCliIT.Run provider = aws("ecs", "create-capacity-provider", "--name", setup.provider(),
                "--auto-scaling-group-provider", "autoScalingGroupArn=" + groupArn
                        + ",managedScaling={status=ENABLED,targetCapacity=100,minimumScalingStepSize=1,"
                        + "maximumScalingStepSize=4,instanceWarmupPeriod=5},managedTerminationProtection=ENABLED");
        assertThat(provider.exit()).as(provider.err()).isZero();
        AwsCliIT.Run associated = aws("ecs", "put-cluster-capacity-providers", "--cluster", setup.cluster(),
                "--capacity-providers", setup.provider(), "--default-capacity-provider-strategy",
                "capacityProvider=" + setup.provider() + ",weight=1,base=0");
        assertThat(associated.exit()).as(associated.err()).isZero();
        // The minimum is raised once the provider exists, so that its instance registers with the provider's name.
        AwsCliIT.Run minimum = aws("autoscaling", "update-auto-scaling-group", "--auto-scaling-group-name",
                setup.group(), "--min-size", "1", "--desired-capacity", "1");
        assertThat(minimum.exit()).as(minimum.err()).isZero();
        await().pollInterval(POLL).atMost(SCALE_OUT).until(() -> providerInstances(setup).size() == 1);
    }

    /** A service of one task on the cluster's default strategy: simulated labels, or a shell script to run. */
    private static void registerAndCreateService(Setup setup, int cpu, String labels, String script)
            throws Exception {
        String container = "{\"name\":\"app\",\"image\":\"busybox\",\"cpu\":" + cpu + ",\"memory\":256"
                + (labels == null ? "" : ",\"dockerLabels\":" + labels)
                + (script == null ? "" : ",\"command\":[\"/bin/sh\",\"-c\",\"" + script + "\"]") + "}";
        AwsCliIT.Run registered = aws("ecs", "register-task-definition", "--family", setup.service(), "--cpu",
                String.valueOf(cpu), "--memory", "256", "--container-definitions", "[" + container + "]");
        assertThat(registered.exit()).as(registered.err()).isZero();
        AwsCliIT.Run service = aws("ecs", "create-service", "--cluster", setup.cluster(), "--service-name",
                setup.service(), "--task-definition", setup.service(), "--desired-count", "1");
        assertThat(service.exit()).as(service.err()).isZero();
        assertThat(service.json().at("/service/capacityProviderStrategy/0/capacityProvider").asText())
                .isEqualTo(setup.provider());
        await().pollInterval(POLL).atMost(SCALE_OUT).until(() -> running(setup).size() == 1);
    }

    /** Service auto scaling from 1 to {@code max} tasks on the service's average CPU, both ways without cooldown. */
    private static void trackCpu(Setup setup, int max, int target) throws Exception {
        AwsCliIT.Run registered = aws("application-autoscaling", "register-scalable-target", "--service-namespace",
                "ecs", "--resource-id", setup.resource(), "--scalable-dimension", "ecs:service:DesiredCount",
                "--min-capacity", "1", "--max-capacity", String.valueOf(max));
        assertThat(registered.exit()).as(registered.err()).isZero();
        AwsCliIT.Run policy = aws("application-autoscaling", "put-scaling-policy", "--service-namespace", "ecs",
                "--resource-id", setup.resource(), "--scalable-dimension", "ecs:service:DesiredCount",
                "--policy-name", "cpu" + target, "--policy-type", "TargetTrackingScaling",
                "--target-tracking-scaling-policy-configuration", "{\"TargetValue\":" + target + ".0,"
                        + "\"ScaleOutCooldown\":0,\"ScaleInCooldown\":0,\"PredefinedMetricSpecification\":"
                        + "{\"PredefinedMetricType\":\"ECSServiceAverageCPUUtilization\"}}");
        assertThat(policy.exit()).as(policy.err()).isZero();
    }

    /**
     * Every task the policy asked for runs on the instances the provider added; the tasks at the peak. The peak is
     * the look that saw them all running, with the service still asking for them: a look taken after it could come
     * when the policy has already begun to scale in (the load may end soon after the peak), and so miss a task.
     */
    private static List<JsonNode> awaitScaleOut(Setup setup, int tasks, int instances) throws Exception {
        List<JsonNode> peak = await().pollInterval(POLL).atMost(SCALE_OUT).until(() -> {
            List<JsonNode> now = running(setup);
            return now.size() == tasks && desiredCount(setup) == tasks ? now : List.<JsonNode>of();
        }, now -> !now.isEmpty());
        assertThat(peak).allSatisfy(t -> assertThat(t.at("/capacityProviderName").asText())
                .isEqualTo(setup.provider()));
        assertThat(providerInstances(setup)).hasSize(instances);
        assertThat(group(setup.group()).at("/0/DesiredCapacity").asInt()).isEqualTo(instances);
        assertThat(scalingActivities(setup)).filteredOn(a -> a.at("/Cause").asText().contains("AlarmHigh"))
                .extracting(a -> a.at("/Description").asText()).contains("Setting desired count to " + tasks + ".");
        // The tasks the policy added waited for the instances the provider added.
        assertThat(measurements(setup)).anySatisfy(m -> {
            assertThat(m.at("/provisioningTasks").asInt()).isPositive();
            assertThat(m.at("/desiredCapacity").asInt()).isGreaterThan(1);
            assertThat(m.at("/reason").asText()).startsWith("CapacityProviderReservation ")
                    .contains(" above target 100: scale out to ");
        });
        return peak;
    }

    /**
     * The policy scales the service in to one task, the group drains back to one instance, and no task was lost:
     * the one left is one of those that ran at the peak, never stopped or replaced, and every other stopped for the
     * service's scale-in, not for its instance's departure.
     */
    private static void awaitScaleInWithoutLosingATask(Setup setup, List<JsonNode> peak, int instances)
            throws Exception {
        await().pollInterval(POLL).atMost(SCALE_IN).until(() -> desiredCount(setup) == 1
                && running(setup).size() == 1
                && group(setup.group()).at("/0/Instances").size() == 1 && providerInstances(setup).size() == 1
                && AutoScalingGroupsCliIT.containerInstances(setup.cluster(), "DRAINING") == 0);
        assertThat(group(setup.group()).at("/0/DesiredCapacity").asInt()).isEqualTo(1);
        assertThat(scalingActivities(setup)).filteredOn(a -> a.at("/Cause").asText().contains("AlarmLow"))
                .extracting(a -> a.at("/Description").asText()).contains("Setting desired count to 1.");
        assertThat(measurements(setup)).anySatisfy(m -> assertThat(m.at("/reason").asText())
                .contains(" below target 100 for 15 datapoints: scale in to "));
        AwsCliIT.Run activities = aws("autoscaling", "describe-scaling-activities", "--auto-scaling-group-name",
                setup.group());
        assertThat(activities.exit()).as(activities.err()).isZero();
        assertThat(activities.json().at("/Activities").findValuesAsText("Description"))
                .filteredOn(d -> d.startsWith("Terminating EC2 instance: ")).hasSize(instances - 1);

        JsonNode left = running(setup).get(0);
        List<String> peakArns = peak.stream().map(t -> t.at("/taskArn").asText()).toList();
        assertThat(peakArns).contains(left.at("/taskArn").asText());
        assertThat(left.at("/startedAt")).isEqualTo(peak.stream().filter(t -> t.at("/taskArn")
                .equals(left.at("/taskArn"))).findFirst().orElseThrow().at("/startedAt"));
        List<JsonNode> stopped = tasks(setup, "STOPPED");
        assertThat(stopped).hasSize(peak.size() - 1);
        assertThat(stopped).allSatisfy(t -> {
            assertThat(peakArns).contains(t.at("/taskArn").asText());
            assertThat(t.at("/stopCode").asText()).isEqualTo("ServiceSchedulerInitiated");
            assertThat(t.at("/stoppedReason").asText()).startsWith("Scaling activity initiated by (deployment ");
        });
    }

    /**
     * Whatever a test got to, the stack is left without its target, service, group, provider and cluster; the other
     * test's, running meanwhile, are left alone.
     */
    @AfterEach
    void cleanUp() throws Exception {
        if (setup == null || !aws("ecs", "describe-clusters", "--clusters", setup.cluster()).json()
                .at("/clusters/0/status").asText().equals("ACTIVE")) {
            return;
        }
        SoftAssertions cleaned = new SoftAssertions();
        List<AwsCliIT.Run> runs = new ArrayList<>();
        if (!aws("application-autoscaling", "describe-scalable-targets", "--service-namespace", "ecs",
                "--resource-ids", setup.resource()).json().at("/ScalableTargets").isEmpty()) {
            runs.add(aws("application-autoscaling", "deregister-scalable-target", "--service-namespace", "ecs",
                    "--resource-id", setup.resource(), "--scalable-dimension", "ecs:service:DesiredCount"));
        }
        if (aws("ecs", "describe-services", "--cluster", setup.cluster(), "--services", setup.service()).json()
                .at("/services/0/status").asText().equals("ACTIVE")) {
            runs.add(aws("ecs", "delete-service", "--cluster", setup.cluster(), "--service", setup.service(),
                    "--force"));
            runs.add(aws("ecs", "wait", "services-inactive", "--cluster", setup.cluster(), "--services",
                    setup.service()));
        }
        if (!group(setup.group()).isEmpty()) {
            runs.add(aws("autoscaling", "delete-auto-scaling-group", "--auto-scaling-group-name", setup.group(),
                    "--force-delete"));
        }
        runs.forEach(run -> cleaned.assertThat(run.exit()).as(run.err()).isZero());
        await().pollInterval(POLL).atMost(Duration.ofSeconds(60)).until(() -> group(setup.group()).isEmpty()
                && AutoScalingGroupsCliIT.containerInstances(setup.cluster(), "ACTIVE") == 0
                && AutoScalingGroupsCliIT.containerInstances(setup.cluster(), "DRAINING") == 0);
        // A provider cannot be deleted while an ACTIVE cluster has it: the cluster goes first.
        for (String[] delete : List.of(new String[] {"ecs", "delete-cluster", "--cluster", setup.cluster()},
                new String[] {"ecs", "delete-capacity-provider", "--capacity-provider", setup.provider()},
                new String[] {"ec2", "delete-launch-template", "--launch-template-name", setup.template()})) {
            AwsCliIT.Run run = aws(delete);
            cleaned.assertThat(run.exit()).as(run.err()).isZero();
        }
        cleaned.assertAll();
    }

    /** The cluster's ACTIVE container instances registered with the provider's name. */
    private static List<JsonNode> providerInstances(Setup setup) throws Exception {
        AwsCliIT.Run listed = aws("ecs", "list-container-instances", "--cluster", setup.cluster(), "--status",
                "ACTIVE");
        assertThat(listed.exit()).as(listed.err()).isZero();
        JsonNode arns = listed.json().at("/containerInstanceArns");
        if (arns.isEmpty()) {
            return List.of();
        }
        List<String> args = new ArrayList<>(List.of("ecs", "describe-container-instances", "--cluster",
                setup.cluster(), "--container-instances"));
        arns.forEach(a -> args.add(a.asText()));
        AwsCliIT.Run described = aws(args.toArray(String[]::new));
        assertThat(described.exit()).as(described.err()).isZero();
        return StreamSupport.stream(described.json().at("/containerInstances").spliterator(), false)
                .filter(i -> setup.provider().equals(i.at("/capacityProviderName").asText())).toList();
    }

    private static int desiredCount(Setup setup) throws Exception {
        AwsCliIT.Run described = aws("ecs", "describe-services", "--cluster", setup.cluster(), "--services",
                setup.service());
        assertThat(described.exit()).as(described.err()).isZero();
        return described.json().at("/services/0/desiredCount").asInt();
    }

    /** The service's scaling activities, as application-autoscaling describes them. */
    private static List<JsonNode> scalingActivities(Setup setup) throws Exception {
        AwsCliIT.Run described = aws("application-autoscaling", "describe-scaling-activities", "--service-namespace",
                "ecs", "--resource-id", setup.resource());
        assertThat(described.exit()).as(described.err()).isZero();
        return StreamSupport.stream(described.json().at("/ScalingActivities").spliterator(), false).toList();
    }

    private static List<JsonNode> running(Setup setup) throws Exception {
        return tasks(setup, "RUNNING").stream().filter(t -> "RUNNING".equals(t.at("/lastStatus").asText())).toList();
    }

    /** The service's tasks of a desired status, described. */
    private static List<JsonNode> tasks(Setup setup, String desiredStatus) throws Exception {
        AwsCliIT.Run listed = aws("ecs", "list-tasks", "--cluster", setup.cluster(), "--service-name",
                setup.service(), "--desired-status", desiredStatus);
        assertThat(listed.exit()).as(listed.err()).isZero();
        JsonNode arns = listed.json().at("/taskArns");
        if (arns.isEmpty()) {
            return List.of();
        }
        List<String> args = new ArrayList<>(List.of("ecs", "describe-tasks", "--cluster", setup.cluster(),
                "--tasks"));
        arns.forEach(a -> args.add(a.asText()));
        AwsCliIT.Run described = aws(args.toArray(String[]::new));
        assertThat(described.exit()).as(described.err()).isZero();
        assertThat(described.json().at("/failures").size()).isZero();
        return StreamSupport.stream(described.json().at("/tasks").spliterator(), false).toList();
    }

    /** The provider's measurements in the cluster with each managed scaling decision, newest first. */
    private static List<JsonNode> measurements(Setup setup) throws Exception {
        JsonNode scaling = ClusterAutoScalingCliIT.get("/v1/clusters/" + setup.cluster() + "/capacity-providers/"
                + setup.provider() + "/scaling?limit=1000");
        return StreamSupport.stream(scaling.at("/measurements").spliterator(), false).toList();
    }
}
