package io.berth.scheduler.task;

import io.berth.ecs.EcsErrors;
import io.berth.ecs.EcsException;
import io.berth.events.EventJson;
import io.berth.events.SchedulerCommand.PlaceTasks;
import io.berth.events.Shapes.CapacityProviderStrategyItem;
import io.berth.events.Shapes.PlacementConstraint;
import io.berth.events.Shapes.PlacementStrategy;
import io.berth.placement.PlacementRequest;
import io.berth.placement.RequiredAttribute;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * RunTask and StartTask as ECS validates them, turned into placement requests: one per capacity
 * provider the tasks are split over (by the strategy's base and weights), or one for a launch type.
 * Pure; errors are the ECS exceptions.
 */
public final class RunTaskRules {

    public static final int MAX_OVERRIDES_CHARS = 8192;
    static final Set<String> LAUNCH_TYPES = Set.of("EC2", "FARGATE", "EXTERNAL", "MANAGED_INSTANCES");
    private static final Pattern STARTED_BY = Pattern.compile("[A-Za-z0-9_/-]{1,128}");

    private RunTaskRules() {
    }

    /** The tasks of one placement request: how many, on which capacity provider or launch type. */
    public record Part(Optional<String> capacityProvider, String launchType, PlacementRequest request) {
    }

    /** Checks the command and returns the placement requests, in the order their tasks are placed. */
    public static List<Part> plan(PlaceTasks command, TaskReservation reservation, long seed) {
        validate(command);
        String family = command.taskDefinition().path("family").asText();
        String group = command.group() != null ? command.group() : "family:" + family;
        List<Part> parts = new ArrayList<>();
        if (command.capacityProviderStrategy() != null && !command.capacityProviderStrategy().isEmpty()) {
            int offset = 0;
            for (Map.Entry<String, Integer> share : split(command.capacityProviderStrategy(),
                    count(command)).entrySet()) {
                parts.add(new Part(Optional.of(share.getKey()), "EC2",
                        request(command, reservation, group, share.getValue(), null, share.getKey(),
                                seed + offset)));
                offset += share.getValue();
            }
            return parts;
        }
        String launchType = command.launchType() == null ? "EC2" : command.launchType();
        parts.add(new Part(Optional.empty(), launchType,
                request(command, reservation, group, count(command), launchType, null, seed)));
        return parts;
    }

    static void validate(PlaceTasks command) {
        if (!"ACTIVE".equals(command.taskDefinition().path("status").asText("ACTIVE"))) {
            throw EcsErrors.clientException("TaskDefinition is inactive");
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
            if (!"EC2".equals(command.launchType()) && !"EXTERNAL".equals(command.launchType())) {
                throw new EcsException("UnsupportedFeatureException", "Berth runs tasks on container instances only;"
                        + " the launch type " + command.launchType() + " is not supported. Use EC2 or EXTERNAL.");
            }
        }
        if (hasStrategy && command.capacityProviderStrategy().size() > 20) {
            throw EcsErrors.invalidParameter("capacityProviderStrategy can have at most 20 items.");
        }
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

    private static int count(PlaceTasks command) {
        return command.containerInstanceArns() != null && !command.containerInstanceArns().isEmpty()
                ? command.containerInstanceArns().size() : command.count();
    }

    /**
     * Splits {@code count} tasks over the strategy: the item with a base gets up to that many
     * first, the rest go by weight (the provider furthest below its share next).
     */
    static Map<String, Integer> split(List<CapacityProviderStrategyItem> strategy, int count) {
        if (strategy.stream().filter(i -> i.base() > 0).count() > 1) {
            throw EcsErrors.invalidParameter("Only one capacity provider in a strategy can have a base defined.");
        }
        Map<String, Integer> shares = new LinkedHashMap<>();
        for (CapacityProviderStrategyItem item : strategy) {
            if (item.capacityProvider() == null || item.capacityProvider().isBlank()) {
                throw EcsErrors.invalidParameter("capacityProvider can not be blank.");
            }
            if (item.weight() < 0 || item.weight() > 1000 || item.base() < 0 || item.base() > 100000) {
                throw EcsErrors.invalidParameter("Capacity provider weight must be 0 to 1000 and base 0 to 100000.");
            }
            if (shares.put(item.capacityProvider(), 0) != null) {
                throw EcsErrors.invalidParameter("Capacity provider " + item.capacityProvider()
                        + " is given more than once.");
            }
        }
        int left = count;
        for (CapacityProviderStrategyItem item : strategy) {
            int base = Math.min(item.base(), left);
            shares.merge(item.capacityProvider(), base, Integer::sum);
            left -= base;
        }
        List<CapacityProviderStrategyItem> weighted = strategy.stream().filter(i -> i.weight() > 0).toList();
        if (left > 0 && weighted.isEmpty()) {
            throw EcsErrors.invalidParameter("The capacity provider strategy must have at least one provider with a"
                    + " weight greater than 0.");
        }
        int[] byWeight = new int[weighted.size()];
        for (; left > 0; left--) {
            int best = 0;
            for (int i = 1; i < weighted.size(); i++) {
                // (placed + 1) / weight smallest: the provider furthest below its share.
                if ((long) (byWeight[i] + 1) * weighted.get(best).weight()
                        < (long) (byWeight[best] + 1) * weighted.get(i).weight()) {
                    best = i;
                }
            }
            byWeight[best]++;
            shares.merge(weighted.get(best).capacityProvider(), 1, Integer::sum);
        }
        shares.values().removeIf(n -> n == 0);
        return shares;
    }

    private static PlacementRequest request(PlaceTasks command, TaskReservation reservation, String group,
            int count, String launchType, String capacityProvider, long seed) {
        PlacementRequest.Builder builder = PlacementRequest.builder()
                .cpu(reservation.cpu())
                .memory(reservation.memory())
                .dynamicPorts(reservation.dynamic().size())
                .group(group)
                .count(count)
                .seed(seed);
        reservation.tcpPorts().forEach(builder::tcpPort);
        reservation.udpPorts().forEach(builder::udpPort);
        if (launchType != null) {
            builder.launchType(launchType);
        }
        if (capacityProvider != null) {
            builder.capacityProvider(capacityProvider);
        }
        for (var required : command.taskDefinition().path("requiresAttributes")) {
            builder.requiresAttribute(RequiredAttribute.of(required.path("name").asText(),
                    required.hasNonNull("value") ? required.get("value").asText() : null));
        }
        for (var constraint : command.taskDefinition().path("placementConstraints")) {
            builder.constraint(constraint.path("type").asText(), constraint.hasNonNull("expression")
                    ? constraint.get("expression").asText() : null);
        }
        if (command.placementConstraints() != null) {
            for (PlacementConstraint constraint : command.placementConstraints()) {
                builder.constraint(constraint.type(), constraint.expression());
            }
        }
        if (command.placementStrategy() != null) {
            for (PlacementStrategy strategy : command.placementStrategy()) {
                builder.strategy(strategy.type(), strategy.field());
            }
        }
        if (command.containerInstanceArns() != null) {
            command.containerInstanceArns().forEach(builder::instance);
        }
        return builder.build();
    }
}
