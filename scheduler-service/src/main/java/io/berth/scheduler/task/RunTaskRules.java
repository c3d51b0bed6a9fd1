package io.berth.scheduler.task;

import io.berth.ecs.EcsErrors;
import io.berth.ecs.EcsException;
import io.berth.ecs.RequestShapes;
import io.berth.events.EventJson;
import io.berth.events.SchedulerCommand.PlaceTasks;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * RunTask and StartTask as ECS validates them, and what they launch ({@link PlacementRequests} turns
 * that into placement requests). Pure; errors are the ECS exceptions.
 */
public final class RunTaskRules {

    public static final int MAX_OVERRIDES_CHARS = 8192;
    static final Set<String> LAUNCH_TYPES = Set.of("EC2", "FARGATE", "EXTERNAL", "MANAGED_INSTANCES");
    private static final Pattern STARTED_BY = Pattern.compile("[A-Za-z0-9_/-]{1,128}");

    private RunTaskRules() {
    }

    /** Checks the command and returns the placement requests, in the order their tasks are placed. */
    public static List<PlacementRequests.Part> plan(PlaceTasks command, long seed) {
        validate(command);
        PlacementRequests.Launch launch = launch(command);
        if (command.containerInstanceArns() != null && !command.containerInstanceArns().isEmpty()) {
            return PlacementRequests.onInstances(launch, command.containerInstanceArns(), seed);
        }
        return PlacementRequests.plan(launch, command.count(), Map.of(), seed);
    }

    /** What the command launches; its group is {@code family:<family>} unless it names one. */
    static PlacementRequests.Launch launch(PlaceTasks command) {
        String group = command.group() != null ? command.group()
                : "family:" + command.taskDefinition().path("family").asText();
        return new PlacementRequests.Launch(command.taskDefinition(), command.overrides(), group,
                command.launchType(), command.capacityProviderStrategy(), command.placementConstraints(),
                command.placementStrategy());
    }

    /**
     * The Fargate platform the command's tasks run on, checked as ECS checks a Fargate launch; null
     * when they go to container instances, which take no public IP or platform version. StartTask
     * names instances, so its tasks never go to Fargate.
     */
    public static FargateRules.Platform platform(PlaceTasks command) {
        boolean fargate = command.containerInstanceArns() == null
                && FargateRules.onFargate(command.launchType(), command.capacityProviderStrategy());
        FargateRules.checkEphemeralStorage(command.overrides(), fargate);
        if (!fargate) {
            FargateRules.checkNotFargate(command.networkConfiguration(), command.platformVersion());
            return null;
        }
        return FargateRules.check(command.taskDefinition(), command.networkConfiguration(),
                command.platformVersion(), command.placementConstraints(), command.placementStrategy());
    }

    static void validate(PlaceTasks command) {
        if (!"ACTIVE".equals(command.taskDefinition().path("status").asText("ACTIVE"))) {
            throw EcsErrors.taskDefinitionInactive();
        }
        boolean hasStrategy = command.capacityProviderStrategy() != null
                && !command.capacityProviderStrategy().isEmpty();
        if (command.launchType() != null && hasStrategy) {
            throw EcsErrors.invalidParameter("Specifying both a launch type and capacity provider strategy is not"
                    + " supported. Remove one and try again.");
        }
        if (command.launchType() != null) {
            if (!LAUNCH_TYPES.contains(command.launchType())) {
                throw EcsErrors.invalidParameter("launchType must be one of EC2, EXTERNAL, FARGATE.");
            }
            if ("MANAGED_INSTANCES".equals(command.launchType())) {
                throw new EcsException("UnsupportedFeatureException", "Berth does not run the launch type"
                        + " MANAGED_INSTANCES. Use EC2, EXTERNAL or FARGATE.");
            }
        }
        if (hasStrategy) {
            RequestShapes.checkStrategy(command.capacityProviderStrategy());
        }
        platform(command);
        if (command.startedBy() != null && !STARTED_BY.matcher(command.startedBy()).matches()) {
            throw EcsErrors.invalidParameter("startedBy must be 1 to 128 letters, numbers, hyphens, underscores and"
                    + " forward slashes.");
        }
        if (command.propagateTags() != null) {
            if ("SERVICE".equals(command.propagateTags())) {
                throw EcsErrors.invalidParameter("propagateTags SERVICE is only valid for tasks started by a"
                        + " service.");
            }
            if (!Set.of("TASK_DEFINITION", "NONE").contains(command.propagateTags())) {
                throw EcsErrors.invalidParameter("propagateTags must be one of TASK_DEFINITION, SERVICE, NONE.");
            }
        }
        if (command.clientToken() != null && (command.clientToken().isEmpty() || command.clientToken().length() > 64
                || !command.clientToken().chars().allMatch(c -> c >= 33 && c <= 126))) {
            throw EcsErrors.invalidParameter("clientToken must be 1 to 64 ASCII characters from ! to ~.");
        }
        if (command.overrides() != null
                && EventJson.mapper().valueToTree(command.overrides()).toString().length() > MAX_OVERRIDES_CHARS) {
            throw EcsErrors.invalidParameter("overrides can not be longer than " + MAX_OVERRIDES_CHARS
                    + " characters.");
        }
        if (command.overrides() != null) {
            for (var override : command.overrides().path("containerOverrides")) {
                if (!override.path("name").isTextual() || override.path("name").asText().isBlank()) {
                    throw EcsErrors.invalidParameter("Container override name can not be blank.");
                }
            }
        }
    }
}
