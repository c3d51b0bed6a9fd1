package io.berth.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.events.CapacityProviderEvent.CapacityProviderCreated;
import io.berth.events.AccountSettingEvent.AccountSettingDefaultPut;
import io.berth.events.AccountSettingEvent.AccountSettingDeleted;
import io.berth.events.AccountSettingEvent.AccountSettingPut;
import io.berth.events.CapacityProviderEvent.CapacityProviderDeleted;
import io.berth.events.CapacityProviderEvent.CapacityProviderTagsChanged;
import io.berth.events.ClusterEvent.ClusterTagsChanged;
import io.berth.events.ClusterEvent.ClusterUpdated;
import io.berth.events.TaskDefinitionEvent.TaskDefinitionTagsChanged;
import io.berth.events.CapacityProviderEvent.CapacityProviderUpdated;
import io.berth.events.ClusterEvent.ClusterCapacityProvidersPut;
import io.berth.events.ClusterEvent.ClusterCreated;
import io.berth.events.ClusterEvent.ClusterDeleted;
import io.berth.events.ClusterEvent.ClusterSettingsUpdated;
import io.berth.events.ContainerInstanceEvent.AgentConnectionChanged;
import io.berth.events.ContainerInstanceEvent.InstanceAttributesChanged;
import io.berth.events.ContainerInstanceEvent.InstanceDeregistered;
import io.berth.events.ContainerInstanceEvent.InstanceRegistered;
import io.berth.events.ContainerInstanceEvent.InstanceStatusChanged;
import io.berth.events.LogsEvent.LogGroupCreated;
import io.berth.events.LogsEvent.LogGroupDeleted;
import io.berth.events.LogsEvent.LogGroupDeletionProtectionChanged;
import io.berth.events.LogsEvent.LogGroupRetentionDeleted;
import io.berth.events.LogsEvent.LogGroupRetentionPut;
import io.berth.events.LogsEvent.LogGroupTagsChanged;
import io.berth.events.LogsEvent.LogStreamCreated;
import io.berth.events.LogsEvent.LogStreamDeleted;
import io.berth.events.ScalingEvent.CapacityAdjustmentRequested;
import io.berth.events.ScalingEvent.DesiredCountAdjusted;
import io.berth.events.ScalingEvent.ScalableTargetDeregistered;
import io.berth.events.ScalingEvent.ScalableTargetRegistered;
import io.berth.events.ScalingEvent.ScalableTargetTagsChanged;
import io.berth.events.ScalingEvent.ScalingActivityCompleted;
import io.berth.events.ScalingEvent.ScalingActivityRecorded;
import io.berth.events.ScalingEvent.ScalingAlarm;
import io.berth.events.ScalingEvent.ScalingPolicyDeleted;
import io.berth.events.ScalingEvent.ScalingPolicyPut;
import io.berth.events.ScalingEvent.ScheduledActionDeleted;
import io.berth.events.ScalingEvent.ScheduledActionExecuted;
import io.berth.events.ScalingEvent.ScheduledActionPut;
import io.berth.events.ScalingEvent.SuspendedState;
import io.berth.events.RegistryEvent.ExpiredImage;
import io.berth.events.RegistryEvent.ImageDeleted;
import io.berth.events.RegistryEvent.ImagePushed;
import io.berth.events.RegistryEvent.ImageScanCompleted;
import io.berth.events.RegistryEvent.ImageScanningConfigurationChanged;
import io.berth.events.RegistryEvent.ImageTagMutabilityChanged;
import io.berth.events.RegistryEvent.ImageTagged;
import io.berth.events.RegistryEvent.ImageUntagged;
import io.berth.events.RegistryEvent.LifecyclePolicyApplied;
import io.berth.events.RegistryEvent.LifecyclePolicyChanged;
import io.berth.events.RegistryEvent.RepositoryCreated;
import io.berth.events.RegistryEvent.RepositoryDeleted;
import io.berth.events.RegistryEvent.RepositoryPolicyChanged;
import io.berth.events.RegistryEvent.RepositoryTagsChanged;
import io.berth.events.RegistryEvent.ScannedPackage;
import io.berth.events.RegistryEvent.TagMutabilityFilter;
import io.berth.events.SchedulerCommand.ManageService;
import io.berth.events.SchedulerCommand.FollowInstanceChanges;
import io.berth.events.SchedulerCommand.FollowTaskReports;
import io.berth.events.SchedulerCommand.PlaceTasks;
import io.berth.events.SchedulerCommand.StopTask;
import io.berth.events.SchedulerCommand.TagResource;
import io.berth.events.ServiceEvent.ServiceMessageRecorded;
import io.berth.events.ServiceEvent.ServiceTagsChanged;
import io.berth.events.TaskEvent.TaskTagsChanged;
import io.berth.events.ContainerInstanceEvent.InstanceTagsChanged;
import io.berth.events.ServiceEvent.DeploymentCompleted;
import io.berth.events.ServiceEvent.DeploymentFailed;
import io.berth.events.ServiceEvent.DeploymentStarted;
import io.berth.events.ServiceEvent.ServiceCreated;
import io.berth.events.ServiceEvent.ServiceDeleted;
import io.berth.events.ServiceEvent.ServiceUpdated;
import io.berth.events.ServiceEvent.ServiceDrained;
import io.berth.events.ServiceEvent.DeploymentRemoved;
import io.berth.events.ServiceEvent.TaskSetCreated;
import io.berth.events.ServiceEvent.TaskSetDeleted;
import io.berth.events.ServiceEvent.TaskSetMadePrimary;
import io.berth.events.ServiceEvent.TaskSetRemoved;
import io.berth.events.ServiceEvent.TaskSetScaled;
import io.berth.events.ServiceEvent.TaskSetStabilityChanged;
import io.berth.events.ServiceEvent.ServiceTasksCounted;
import io.berth.events.ServiceEvent.ServiceImported;
import io.berth.events.Shapes.AwsVpcConfiguration;
import io.berth.events.Shapes.DeploymentCounts;
import io.berth.events.Shapes.Eni;
import io.berth.events.Shapes.LoadBalancer;
import io.berth.events.Shapes.NetworkConfiguration;
import io.berth.events.TaskEvent.TaskStateChanged;
import io.berth.events.TaskEvent.TaskImported;
import io.berth.events.Shapes.Attribute;
import io.berth.events.Shapes.CapacityProviderStrategyItem;
import io.berth.events.Shapes.ContainerState;
import io.berth.events.Shapes.DeploymentCircuitBreaker;
import io.berth.events.Shapes.DeploymentConfiguration;
import io.berth.events.Shapes.Failure;
import io.berth.events.Shapes.KeyValue;
import io.berth.events.Shapes.ManagedScaling;
import io.berth.events.Shapes.NetworkBinding;
import io.berth.events.Shapes.PlacementConstraint;
import io.berth.events.Shapes.PlacementDiagnostics;
import io.berth.events.Shapes.PlacementStrategy;
import io.berth.events.Shapes.Resource;
import io.berth.events.Shapes.Tag;
import io.berth.events.Shapes.VersionInfo;
import io.berth.events.TaskDefinitionEvent.TaskDefinitionDeleted;
import io.berth.events.TaskDefinitionEvent.TaskDefinitionDeregistered;
import io.berth.events.TaskDefinitionEvent.TaskDefinitionRegistered;
import io.berth.events.TaskEvent.CapacityProviderReservationMeasured;
import io.berth.events.TaskEvent.SchedulerCommandAnswered;
import io.berth.events.TaskEvent.TaskAwaitingCapacity;
import io.berth.events.TaskEvent.TaskPlaced;
import io.berth.events.TaskEvent.TaskPlacementFailed;
import io.berth.events.TaskEvent.TaskStopRequested;
import io.berth.events.TaskStateEvent.TaskStateReported;
import io.berth.events.TaskStateEvent.InstanceUtilizationReported;
import io.berth.events.TaskStateEvent.TaskUtilization;
import io.berth.events.TaskStateEvent.TaskUtilizationReported;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** One realistic example of every event type; the approval files and docs/events.md show these. */
final class EventExamples {

    static final String CLUSTER = "arn:aws:ecs:us-east-1:000000000000:cluster/default";
    static final String INSTANCE = "arn:aws:ecs:us-east-1:000000000000:container-instance/default/"
            + "4b6d45ea6f2d4f5c9a1e0b6f3c2d1e0a";
    static final String TASK = "arn:aws:ecs:us-east-1:000000000000:task/default/0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c";
    static final String TASK_DEFINITION = "arn:aws:ecs:us-east-1:000000000000:task-definition/web:3";
    static final String SERVICE = "arn:aws:ecs:us-east-1:000000000000:service/default/web";
    static final String CAPACITY_PROVIDER = "arn:aws:ecs:us-east-1:000000000000:capacity-provider/spot-fleet";
    static final String ASG = "arn:aws:autoscaling:us-east-1:000000000000:autoScalingGroup:"
            + "5f1c2b3a-0d9e-4f8a-b7c6-d5e4f3a2b1c0:autoScalingGroupName/spot-fleet";
    static final Instant T0 = Instant.parse("2026-11-26T08:00:00.125Z");
    static final DeploymentConfiguration DEPLOYMENT = new DeploymentConfiguration(100, 200,
            new DeploymentCircuitBreaker(true, true));
    static final ManagedScaling MANAGED_SCALING = new ManagedScaling("ENABLED", 100, 1, 10000, 300);
    static final PlacementDiagnostics DIAGNOSTICS = new PlacementDiagnostics(3,
            orderedMap("RESOURCE:MEMORY", 1, "ATTRIBUTE", 1), INSTANCE, List.of(0.5, 2.0));

    private static final Map<Class<? extends BerthEvent>, BerthEvent> EXAMPLES = new LinkedHashMap<>();

    static {
        ObjectNode configuration = EventJson.mapper().createObjectNode();
        configuration.putObject("executeCommandConfiguration").put("logging", "DEFAULT");
        add(new ClusterCreated(CLUSTER, "default", List.of(new KeyValue("containerInsights", "disabled")),
                List.of("FARGATE"), List.of(new CapacityProviderStrategyItem("FARGATE", 1, 0)),
                List.of(new Tag("team", "payments")), configuration, null));
        add(new ClusterUpdated(CLUSTER, List.of(new KeyValue("containerInsights", "enhanced")), null, null));
        add(new ClusterTagsChanged(CLUSTER, List.of(new Tag("team", "payments"), new Tag("env", "prod"))));
        add(new ClusterSettingsUpdated(CLUSTER, List.of(new KeyValue("containerInsights", "enabled"))));
        add(new ClusterCapacityProvidersPut(CLUSTER, List.of("spot-fleet", "FARGATE"),
                List.of(new CapacityProviderStrategyItem("spot-fleet", 3, 1))));
        add(new ClusterDeleted(CLUSTER));

        ObjectNode definition = EventJson.mapper().createObjectNode();
        definition.put("family", "web").put("revision", 3).put("networkMode", "bridge").put("status", "ACTIVE");
        definition.putArray("containerDefinitions").addObject()
                .put("name", "nginx").put("image", "nginx:1.27").put("memory", 256).put("essential", true);
        add(new TaskDefinitionRegistered(TASK_DEFINITION, "web", 3, definition, List.of(new Tag("app", "web"))));
        add(new TaskDefinitionTagsChanged(TASK_DEFINITION, "web", 3, List.of()));
        add(new TaskDefinitionDeregistered(TASK_DEFINITION, "web", 3, T0));
        add(new TaskDefinitionDeleted(TASK_DEFINITION, "web", 3, T0.plusSeconds(3600)));

        add(new CapacityProviderCreated(CAPACITY_PROVIDER, "spot-fleet", ASG, MANAGED_SCALING, "DISABLED",
                List.of(new Tag("env", "dev")), "DISABLED"));
        add(new CapacityProviderUpdated(CAPACITY_PROVIDER, new ManagedScaling("ENABLED", 80, 1, 10, 300),
                "DISABLED", "ENABLED"));
        add(new CapacityProviderTagsChanged(CAPACITY_PROVIDER, List.of(new Tag("env", "dev"), new Tag("cost", "low"))));
        add(new CapacityProviderDeleted(CAPACITY_PROVIDER, "spot-fleet"));

        add(new AccountSettingPut("000000000000", "arn:aws:iam::000000000000:root", "containerInsights", "enabled"));
        add(new AccountSettingDefaultPut("000000000000", "awsvpcTrunking", "enabled"));
        add(new AccountSettingDeleted("000000000000", "arn:aws:iam::000000000000:user/ci", "containerInsights"));

        add(new InstanceRegistered(CLUSTER, INSTANCE, "i-0a1b2c3d4e5f60718", null,
                List.of(new Resource("CPU", "INTEGER", 2048L, null), new Resource("MEMORY", "INTEGER", 3943L, null),
                        new Resource("PORTS", "STRINGSET", null, List.of("22", "2375", "2376", "51678", "51679"))),
                List.of(new Attribute("ecs.instance-type", "t3.medium", null, null),
                        new Attribute("ecs.availability-zone", "us-east-1a", null, null)),
                new VersionInfo("1.89.0", "a1b2c3d", "DockerVersion: 25.0.8"), List.of(new Tag("rack", "r1"))));
        add(new InstanceStatusChanged(CLUSTER, INSTANCE, "DRAINING", null));
        add(new InstanceAttributesChanged(CLUSTER, INSTANCE,
                List.of(new Attribute("stack", "prod", "container-instance", "4b6d45ea6f2d4f5c9a1e0b6f3c2d1e0a"))));
        add(new AgentConnectionChanged(CLUSTER, INSTANCE, false));
        add(new InstanceDeregistered(CLUSTER, INSTANCE, false));

        add(new TaskStateReported(CLUSTER, TASK, INSTANCE, 3, "RUNNING",
                List.of(new ContainerState("nginx", "RUNNING", null, null,
                        List.of(new NetworkBinding("0.0.0.0", 80, 32768, "tcp")), "HEALTHY",
                        "5d1f8c0e9b2a4c6d8e0f1a3b5c7d9e1f2a4b6c8d0e2f4a6b8c0d2e4f6a8b0c2d")),
                null, null, T0, T0.plusMillis(850), T0.plusSeconds(1), null, "HEALTHY"));
        add(new TaskUtilizationReported(CLUSTER, TASK, INSTANCE, "service:web", 37.5, 61.25, T0,
                T0.plusSeconds(60)));
        add(new InstanceUtilizationReported(CLUSTER, INSTANCE, T0, T0.plusSeconds(60), List.of(
                new TaskUtilization(TASK, "service:web", 37.5, 61.25),
                new TaskUtilization("arn:aws:ecs:us-east-1:000000000000:task/default/7c1e9a3f5b2d4e6a8c0b1d3f5a7c9e2b",
                        "family:batch", 92.0, 18.5))));

        ObjectNode overrides = EventJson.mapper().createObjectNode();
        overrides.putArray("containerOverrides").addObject().put("name", "nginx").putArray("command").add("-g");
        add(new PlaceTasks(CLUSTER, TASK_DEFINITION, definition, 2, "family:web", "ci-pipeline", "EC2", null, null,
                List.of(new PlacementConstraint("memberOf", "attribute:ecs.instance-type =~ t3.*")),
                List.of(new PlacementStrategy("spread", "attribute:ecs.availability-zone"),
                        new PlacementStrategy("binpack", "memory")),
                overrides, List.of(new Tag("run", "42")), "TASK_DEFINITION", "6c3e0b5a-run-42",
                new NetworkConfiguration(new AwsVpcConfiguration(List.of("subnet-0a1b2c3d"), List.of("sg-0e1f2a3b"),
                        "DISABLED")), null));
        add(new StopTask(CLUSTER, TASK, null, "TerminationNotice"));
        add(new TagResource(CLUSTER, TASK, List.of(new Tag("team", "a")), List.of()));
        add(new FollowTaskReports(CLUSTER, List.of(SERVICE), List.of(TASK)));
        add(new FollowInstanceChanges(CLUSTER, List.of(INSTANCE)));
        add(new TaskTagsChanged(CLUSTER, TASK, List.of(new Tag("team", "a"))));
        add(new ServiceTagsChanged(CLUSTER, SERVICE, List.of(new Tag("team", "a"))));
        add(new ServiceMessageRecorded(CLUSTER, SERVICE, "7e2b3f4a-1c5d-4e6f-8a9b-0c1d2e3f4a5b",
                "(service web) has reached a steady state.", T0));
        add(new InstanceTagsChanged(CLUSTER, INSTANCE, List.of(new Tag("rack", "r7"))));
        ObjectNode createService = EventJson.mapper().createObjectNode();
        createService.put("serviceName", "web").put("taskDefinition", "web:3").put("desiredCount", 3);
        add(new ManageService(CLUSTER, "CreateService", createService, definition));

        // A Fargate Spot placement: no instance, its network interface instead.
        add(new TaskPlaced(CLUSTER, TASK, TASK_DEFINITION, null, "service:web", "ecs-svc/1234567890123456789",
                "FARGATE", "FARGATE_SPOT", 256, 512, List.of(), definition, overrides, List.of(new Tag("run", "42")),
                null, "us-east-1b", T0, new Eni("5d1c3a9e-8f2b-4c6d-9e0a-1b2c3d4e5f60", "eni-0f1e2d3c4b5a69788",
                        "subnet-0a1b2c3d", "10.141.18.7", "0a:4f:21:9c:d3:e8",
                        "ip-10-141-18-7.us-east-1.compute.internal"), "1.4.0", "Linux"));
        ObjectNode answeredTask = EventJson.mapper().createObjectNode().put("taskArn", TASK)
                .put("clusterArn", CLUSTER).put("lastStatus", "PROVISIONING").put("desiredStatus", "RUNNING");
        answeredTask.putArray("tags");
        add(new SchedulerCommandAnswered(CLUSTER, UUID.fromString("0b6c6f7e-9a51-4e0e-a3c4-3f1f8f1d2b11"),
                List.of(TASK), List.of(new Failure(INSTANCE, "RESOURCE:MEMORY", null)), null, null,
                "berth.task.events scheduler-service 42 " + CLUSTER.replace(":", "%3A").replace("/", "%2F"), null,
                List.of(answeredTask), null));
        add(new TaskPlacementFailed(CLUSTER, TASK_DEFINITION, "family:web", 1,
                List.of(new Failure(INSTANCE, "RESOURCE:MEMORY", null)),
                new PlacementDiagnostics(1, orderedMap("RESOURCE:MEMORY", 1), INSTANCE, null)));
        add(new TaskStopRequested(CLUSTER, TASK, INSTANCE, "UserInitiated", "Scaled down by operator", T0));
        add(new TaskAwaitingCapacity(CLUSTER, TASK, TASK_DEFINITION, "family:web", "ci-pipeline", "spot-fleet", 256,
                512, definition, overrides, List.of(new Tag("run", "42")),
                List.of(new PlacementConstraint("memberOf", "attribute:ecs.instance-type =~ t3.*")),
                List.of(new PlacementStrategy("binpack", "memory")), "RESOURCE:MEMORY", T0));
        add(new CapacityProviderReservationMeasured(CLUSTER, "spot-fleet", ASG, 6, 4, 150, 12,
                List.of("i-0a1b2c3d4e5f60718"), T0));
        add(new TaskStateChanged(CLUSTER, TASK, INSTANCE, 3, "RUNNING", "RUNNING", "HEALTHY", "CONNECTED",
                List.of(new ContainerState("nginx", "RUNNING", null, null,
                        List.of(new NetworkBinding("0.0.0.0", 80, 32768, "tcp")), "HEALTHY",
                        "5d1f8c0e9b2a4c6d8e0f1a3b5c7d9e1f2a4b6c8d0e2f4a6b8c0d2e4f6a8b0c2d")),
                null, null, T0, T0.plusMillis(850), T0.plusSeconds(1), null, null, null));
        ObjectNode task = EventJson.mapper().createObjectNode();
        task.putArray("attachments");
        task.put("clusterArn", CLUSTER).put("containerInstanceArn", INSTANCE).put("desiredStatus", "RUNNING")
                .put("group", "family:web").put("lastStatus", "RUNNING").put("launchType", "EC2")
                .put("taskArn", TASK).put("taskDefinitionArn", TASK_DEFINITION).put("version", 3);
        add(new TaskImported(CLUSTER, TASK, task, List.of(new Tag("run", "42")),
                List.of(new NetworkBinding("0.0.0.0", 80, 32768, "tcp")), DIAGNOSTICS, 2));

        LoadBalancer targetGroup = new LoadBalancer("arn:aws:elasticloadbalancing:us-east-1:000000000000:"
                + "targetgroup/web/73e2d6bc24d8a067", null, "nginx", 80);
        add(new ServiceCreated(CLUSTER, SERVICE, "web", TASK_DEFINITION, 3, "REPLICA", "EC2", DEPLOYMENT,
                List.of(), List.of(new PlacementStrategy("spread", "attribute:ecs.availability-zone"),
                        new PlacementStrategy("spread", "instanceId")), null, 30, List.of(targetGroup),
                new NetworkConfiguration(new AwsVpcConfiguration(List.of("subnet-0a1b2c3d"), List.of("sg-0e1f2a3b"),
                        "DISABLED")), "SERVICE", List.of(new Tag("team", "payments")), "create-web-1", T0));
        add(new ServiceUpdated(CLUSTER, SERVICE, 5, null, DEPLOYMENT, false,
                List.of(new CapacityProviderStrategyItem("FARGATE_SPOT", 1, 2)), null, null, null, null, null, null,
                T0, "1.4.0", "Linux"));
        add(new ServiceDeleted(CLUSTER, SERVICE, T0));
        add(new ServiceDrained(CLUSTER, SERVICE, T0.plusSeconds(42)));
        add(new DeploymentStarted(CLUSTER, SERVICE, "ecs-svc/9223370545345641169", TASK_DEFINITION, 5, null, T0));
        add(new DeploymentCompleted(CLUSTER, SERVICE, "ecs-svc/9223370545345641169", T0));
        add(new DeploymentFailed(CLUSTER, SERVICE, "ecs-svc/9223370545345641169",
                "ECS deployment circuit breaker: task failed to start.", "ecs-svc/9223370545345600001", T0));
        add(new DeploymentRemoved(CLUSTER, SERVICE, "ecs-svc/9223370545345600001", T0));
        add(new ServiceTasksCounted(CLUSTER, SERVICE, null, List.of(
                new DeploymentCounts("ecs-svc/9223370545345641169", 5, 2, 3, 0, true)), true,
                List.of(TASK), List.of(), T0));
        String taskSet = "ecs-svc/9223370545345600002";
        add(new TaskSetCreated(CLUSTER, SERVICE, taskSet, TASK_DEFINITION, "green", "EC2", null, null, null,
                new NetworkConfiguration(new AwsVpcConfiguration(List.of("subnet-0a1b2c3d"), List.of(), "DISABLED")),
                List.of(targetGroup), 50.0, false, List.of(new Tag("color", "green")), T0));
        add(new TaskSetScaled(CLUSTER, SERVICE, taskSet, 100.0, T0));
        add(new TaskSetMadePrimary(CLUSTER, SERVICE, taskSet, T0));
        add(new TaskSetDeleted(CLUSTER, SERVICE, taskSet, T0));
        add(new TaskSetRemoved(CLUSTER, SERVICE, taskSet, T0));
        add(new TaskSetStabilityChanged(CLUSTER, SERVICE, taskSet, "STEADY_STATE", T0));
        ObjectNode state = EventJson.mapper().createObjectNode();
        state.putObject("spec").put("serviceName", "web").put("serviceArn", SERVICE).put("desiredCount", 3);
        state.put("status", "ACTIVE").put("steady", true);
        add(new ServiceImported(CLUSTER, SERVICE, state));

        String target = "arn:aws:application-autoscaling:us-east-1:000000000000:scalable-target/"
                + "0ec2d1f6b09d4b0b4bb0a7a4d2c1e4d2";
        String policy = "arn:aws:autoscaling:us-east-1:000000000000:scalingPolicy:6d8972f3-efc8-437c-92d1-6270f29a66e7"
                + ":resource/ecs/service/default/web:policyName/cpu75";
        add(new ScalableTargetRegistered(CLUSTER, target, "ecs", "service/default/web", "ecs:service:DesiredCount",
                1, 10, null, new SuspendedState(false, true, false), List.of(new Tag("team", "payments")), T0));
        add(new ScalableTargetDeregistered(CLUSTER, target, "service/default/web"));
        add(new ScalableTargetTagsChanged(CLUSTER, target, List.of(new Tag("team", "payments"))));
        ObjectNode tracking = EventJson.mapper().createObjectNode();
        tracking.put("TargetValue", new java.math.BigDecimal("62.5"));
        tracking.putObject("PredefinedMetricSpecification").put("PredefinedMetricType",
                "ECSServiceAverageCPUUtilization");
        tracking.put("ScaleOutCooldown", 60).put("ScaleInCooldown", 300).put("DisableScaleIn", false);
        add(new ScalingPolicyPut(CLUSTER, target, policy, "cpu75", "TargetTrackingScaling", tracking,
                List.of(new ScalingAlarm("TargetTracking-service/default/web-AlarmHigh-1b2c",
                        "arn:aws:cloudwatch:us-east-1:000000000000:alarm:TargetTracking-service/default/web-AlarmHigh-1b2c")),
                T0));
        add(new ScalingPolicyDeleted(CLUSTER, target, "cpu75"));
        add(new ScheduledActionPut(CLUSTER, target, "arn:aws:autoscaling:us-east-1:000000000000:scheduledAction:"
                + "2f5e0c1a-3b4d-4c6e-9f80-1a2b3c4d5e6f:resource/ecs/service/default/web:scheduledActionName/night",
                "night", "cron(0 22 * * ? *)", "Europe/Berlin", null, T0.plusSeconds(86_400), 0, 2, T0));
        add(new ScheduledActionDeleted(CLUSTER, target, "night"));
        add(new ScheduledActionExecuted(CLUSTER, target, "night", 0, 2, T0));
        add(new ScalingActivityRecorded(CLUSTER, target, "7f3a1c2e-5b4d-4e6f-8a9b-0c1d2e3f4a5b", "service/default/web",
                "Setting desired count to 5.", "monitor alarm TargetTracking-service/default/web-AlarmHigh-1b2c in"
                + " state ALARM triggered policy cpu75", "InProgress", null, T0, null, List.of()));
        add(new ScalingActivityCompleted(CLUSTER, target, "7f3a1c2e-5b4d-4e6f-8a9b-0c1d2e3f4a5b", "Successful",
                "Successfully set desired count to 5. Change successfully fulfilled by ecs.", T0.plusSeconds(1)));
        add(new DesiredCountAdjusted(CLUSTER, SERVICE, target, "7f3a1c2e-5b4d-4e6f-8a9b-0c1d2e3f4a5b", 3, 5,
                "monitor alarm TargetTracking-service/default/web-AlarmHigh-1b2c in state ALARM triggered policy cpu75",
                "cpu75", 60, T0));
        add(new CapacityAdjustmentRequested(CLUSTER, CAPACITY_PROVIDER, ASG, 4, List.of("i-0a1b2c3d4e5f60718"),
                "CapacityProviderReservation 150 above target 100", Instant.parse("2026-11-26T08:00:00Z")));

        String repository = "arn:aws:ecr:us-east-1:000000000000:repository/team-a/web";
        String digest = "sha256:0b2c6f0d3e4c2f1a9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c";
        String older = "sha256:7e6d5c4b3a2918f7e6d5c4b3a2918f7e6d5c4b3a2918f7e6d5c4b3a2918f7e6d";
        String layer = "sha256:3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d";
        add(new RepositoryCreated(repository, "000000000000", "team-a/web", "IMMUTABLE_WITH_EXCLUSION",
                List.of(new TagMutabilityFilter("WILDCARD", "latest")), true, "AES256", null,
                List.of(new Tag("team", "a")), T0));
        add(new RepositoryDeleted(repository, "team-a/web", List.of(digest)));
        add(new RepositoryTagsChanged(repository, List.of(new Tag("team", "a"), new Tag("cost-center", "42"))));
        add(new ImageTagMutabilityChanged(repository, "MUTABLE", List.of()));
        add(new ImageScanningConfigurationChanged(repository, false));
        add(new RepositoryPolicyChanged(repository, "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"pull\","
                + "\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":[\"ecr:BatchGetImage\"]}]}"));
        add(new LifecyclePolicyChanged(repository, "{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":"
                + "\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":10},\"action\":{\"type\":\"expire\"}}]}"));
        add(new ImagePushed(repository, "team-a/web", digest, "1.0", "application/vnd.oci.image.manifest.v1+json",
                "application/vnd.oci.image.config.v1+json", 2_811_478L, List.of(
                        "sha256:9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a0", layer), T0));
        add(new ImageTagged(repository, digest, "latest", older));
        add(new ImageUntagged(repository, digest, "1.0"));
        add(new ImageDeleted(repository, digest, List.of("latest")));
        add(new LifecyclePolicyApplied(repository, T0, List.of(new ExpiredImage(older, List.of("0.9"), 1))));
        add(new ImageScanCompleted(repository, digest, "COMPLETE", "Listed 1 package (apk 1, dpkg 0) in 1 layer;"
                + " Berth reaches no vulnerability database, so there are no findings.",
                List.of(new ScannedPackage("musl", "1.2.5-r0", "APK", "x86_64", layer)), T0));

        String group = "arn:aws:logs:us-east-1:000000000000:log-group:/ecs/web";
        add(new LogGroupCreated(group, "/ecs/web", 1, T0, "STANDARD", null, false, List.of(new Tag("team", "payments"))));
        add(new LogGroupRetentionPut(group, 14));
        add(new LogGroupRetentionDeleted(group));
        add(new LogGroupTagsChanged(group, List.of(new Tag("team", "payments"), new Tag("env", "prod"))));
        add(new LogGroupDeletionProtectionChanged(group, true));
        add(new LogStreamCreated(group, "web/nginx/0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c", T0.plusSeconds(2), 1));
        add(new LogStreamDeleted(group, "web/nginx/0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c"));
        add(new LogGroupDeleted(group, "/ecs/web"));

        String template = "arn:aws:ec2:us-east-1:000000000000:launch-template/lt-0a1b2c3d4e5f60718";
        String instanceId = "i-0a1b2c3d4e5f60718";
        String activity = "5b3a1c2e-4d6f-4e8a-9b0c-1d2e3f4a5b6c";
        AutoScalingEvent.GroupSettings settings = new AutoScalingEvent.GroupSettings("lt-0a1b2c3d4e5f60718",
                "ecs-hosts", "$Latest", 0, 10, 2, List.of("us-east-1a", "us-east-1b"), null, true, 300, "EC2", 0);
        add(new AutoScalingEvent.LaunchTemplateCreated(template, "lt-0a1b2c3d4e5f60718", "ecs-hosts",
                "ami-0a1b2c3d", "m5.large", "IyEvYmluL2Jhc2gKZWNobyBFQ1NfQ0xVU1RFUj1wcm9kID4+IC9ldGMvZWNzL2Vjcy5jb25maWcK",
                List.of(new Tag("berth:runtime", "simulated")), T0));
        add(new AutoScalingEvent.LaunchTemplateDeleted(template, "lt-0a1b2c3d4e5f60718", "ecs-hosts"));
        add(new AutoScalingEvent.AutoScalingGroupCreated(ASG, "spot-fleet", settings,
                List.of(new AutoScalingEvent.GroupTag("team", "web", true)),
                "At 2026-11-26T08:00:00Z a user request created an AutoScalingGroup changing the desired capacity"
                        + " from 0 to 2.", T0));
        add(new AutoScalingEvent.AutoScalingGroupUpdated(ASG, settings,
                "At 2026-11-26T08:00:00Z a user request update of AutoScalingGroup constraints to min: 0, max: 10,"
                        + " desired: 2 changing the desired capacity from 2 to 2.", T0));
        add(new AutoScalingEvent.DesiredCapacityChanged(ASG, 4, List.of(instanceId),
                "At 2026-11-26T08:00:00Z capacity provider spot-fleet (CapacityProviderReservation 150 above target"
                        + " 100) changed the desired capacity from 2 to 4.", T0));
        add(new AutoScalingEvent.GroupInstanceLaunching(ASG, activity, instanceId, "us-east-1a", "m5.large", "prod",
                "simulated", true, "At 2026-11-26T08:00:00Z an instance was started in response to a difference"
                        + " between desired and running capacity, increasing the capacity from 2 to 3.", T0));
        add(new AutoScalingEvent.GroupInstanceInService(ASG, activity, instanceId, INSTANCE, T0));
        add(new AutoScalingEvent.GroupInstanceTerminating(ASG, activity, instanceId, true,
                "At 2026-11-26T08:00:00Z an instance was taken out of service in response to a difference between"
                        + " desired and actual capacity, shrinking the capacity from 3 to 2.", T0));
        add(new AutoScalingEvent.GroupInstanceTerminated(ASG, activity, instanceId, T0));
        add(new AutoScalingEvent.InstanceProtectionChanged(ASG, List.of(instanceId), false));
        add(new AutoScalingEvent.AutoScalingGroupDeleting(ASG, T0));
        add(new AutoScalingEvent.AutoScalingGroupDeleted(ASG, "spot-fleet"));
    }

    private EventExamples() {
    }

    static Optional<BerthEvent> of(Class<? extends BerthEvent> type) {
        return Optional.ofNullable(EXAMPLES.get(type));
    }

    static EventEnvelope envelope(BerthEvent payload) {
        return new EventEnvelope(UUID.fromString("1b4e28ba-2fa1-4d3b-9c1f-0e5a6b7c8d9e"), EventTypes.nameOf(payload),
                Topic.of(payload).topicName().split("\\.")[1],
                streamOf(payload), 7, "000000000000", "us-east-1", T0,
                UUID.fromString("9d2c6e1a-3b4f-4a5e-8c7d-6e5f4a3b2c1d"),
                UUID.fromString("5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9"), EventTypes.CURRENT_SCHEMA_VERSION, payload);
    }

    /** The stream an owner appends the event to: the resource it is about, else its partition key. */
    private static String streamOf(BerthEvent payload) {
        for (String component : List.of("taskArn", "containerInstanceArn", "serviceArn", "capacityProviderArn")) {
            for (var record : payload.getClass().getRecordComponents()) {
                if (record.getName().equals(component)) {
                    try {
                        Object value = record.getAccessor().invoke(payload);
                        if (value != null) {
                            return value.toString();
                        }
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        return payload.partitionKey();
    }

    private static void add(BerthEvent event) {
        EXAMPLES.put(event.getClass(), event);
    }

    private static Map<String, Integer> orderedMap(Object... keysAndValues) {
        Map<String, Integer> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], (Integer) keysAndValues[i + 1]);
        }
        return map;
    }
}
