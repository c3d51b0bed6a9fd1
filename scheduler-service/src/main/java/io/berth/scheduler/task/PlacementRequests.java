package io.berth.scheduler.task;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.ecs.EcsErrors;
import io.berth.events.Shapes.CapacityProviderStrategyItem;
import io.berth.events.Shapes.PlacementConstraint;
import io.berth.events.Shapes.PlacementStrategy;
import io.berth.placement.PlacementRequest;
import io.berth.placement.RequiredAttribute;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The one place a {@link PlacementRequest} is built. RunTask, StartTask and a service's starts (and
 * later task sets) describe what they launch as a {@link Launch}; the plan splits the tasks over the
 * capacity provider strategy by base and weight, counting the tasks each provider already runs for
 * the same owner, cuts them into requests of at most {@value PlacementRequest#MAX_COUNT}, and seeds
 * each request from what caused it, so that the same cause places the same way. Pure.
 */
public final class PlacementRequests {

    private PlacementRequests() {
    }

    /**
     * What every task of a launch shares, whoever launches it.
     *
     * @param taskDefinition the revision as DescribeTaskDefinition shows it
     * @param overrides RunTask's overrides, or null
     * @param group the task group: {@code family:<family>}, {@code service:<name>}, or the caller's
     * @param launchType EC2, EXTERNAL or FARGATE when no capacity provider strategy is given; null means EC2
     * @param capacityProviderStrategy null or empty when the launch type decides
     */
    public record Launch(JsonNode taskDefinition, JsonNode overrides, String group, String launchType,
            List<CapacityProviderStrategyItem> capacityProviderStrategy, List<PlacementConstraint> constraints,
            List<PlacementStrategy> strategies) {

        public Launch {
            constraints = constraints == null ? List.of() : List.copyOf(constraints);
            strategies = strategies == null ? List.of() : List.copyOf(strategies);
            capacityProviderStrategy = capacityProviderStrategy == null ? List.of()
                    : List.copyOf(capacityProviderStrategy);
        }

        /** What one task of the launch reserves on its instance. */
        public TaskReservation reservation() {
            return TaskReservation.of(taskDefinition, overrides);
        }
    }

    /** The tasks of one placement request: how many, on which capacity provider or launch type. */
    public record Part(Optional<String> capacityProvider, String launchType, PlacementRequest request) {
    }

    /**
     * {@code count} new tasks of the launch.
     *
     * @param running the tasks the same owner (a service) already runs per capacity provider, which
     *     the split by base and weight counts in; empty for RunTask
     * @param seed of the first request; each later one adds the number of tasks before it
     */
    public static List<Part> plan(Launch launch, int count, Map<String, Integer> running, long seed) {
        TaskReservation reservation = launch.reservation();
        List<Part> parts = new ArrayList<>();
        long offset = 0;
        if (launch.capacityProviderStrategy().isEmpty()) {
            String launchType = launch.launchType() == null ? "EC2" : launch.launchType();
            for (int[] chunk : chunks(count)) {
                parts.add(new Part(Optional.empty(), launchType, request(launch, reservation, chunk[1], launchType,
                        null, List.of(), seed + chunk[0])));
            }
            return parts;
        }
        for (Map.Entry<String, Integer> share : split(launch.capacityProviderStrategy(), count, running).entrySet()) {
            for (int[] chunk : chunks(share.getValue())) {
                parts.add(new Part(Optional.of(share.getKey()), FargateRules.PROVIDERS.contains(share.getKey())
                        ? FargateRules.FARGATE : "EC2", request(launch, reservation, chunk[1], null, share.getKey(),
                        List.of(), seed + offset + chunk[0])));
            }
            offset += share.getValue();
        }
        return parts;
    }

    /** One task on each of {@code instances} (StartTask, a DAEMON service's starts). */
    public static List<Part> onInstances(Launch launch, List<String> instances, long seed) {
        TaskReservation reservation = launch.reservation();
        String launchType = launch.launchType() == null ? "EC2" : launch.launchType();
        List<Part> parts = new ArrayList<>();
        for (int[] chunk : chunks(instances.size())) {
            parts.add(new Part(Optional.empty(), launchType, request(launch, reservation, chunk[1], launchType, null,
                    instances.subList(chunk[0], chunk[0] + chunk[1]), seed + chunk[0])));
        }
        return parts;
    }

    /** A seed from what caused a placement, e.g. the command's event id: the same cause, the same seed. */
    public static long seed(UUID cause) {
        return cause.getMostSignificantBits() ^ cause.getLeastSignificantBits();
    }

    /** {@link #seed(UUID)} of a cause named by text, e.g. a service's deployment and how far it got. */
    public static long seed(String cause) {
        return seed(UUID.nameUUIDFromBytes(cause.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Splits {@code count} new tasks over the strategy. The provider with a base gets tasks until it
     * runs that many; the rest go one by one to the weighted provider furthest below its share of
     * what the owner runs beyond the base (reference: "remaining tasks are divided in proportion to
     * weights", "place each new task on the provider that is furthest below its weighted share").
     */
    static Map<String, Integer> split(List<CapacityProviderStrategyItem> strategy, int count,
            Map<String, Integer> running) {
        Map<String, Integer> shares = new LinkedHashMap<>();
        strategy.forEach(item -> shares.put(item.capacityProvider(), 0));
        int left = count;
        for (CapacityProviderStrategyItem item : strategy) {
            int missing = Math.max(0, item.base() - running.getOrDefault(item.capacityProvider(), 0));
            int base = Math.min(missing, left);
            shares.merge(item.capacityProvider(), base, Integer::sum);
            left -= base;
        }
        List<CapacityProviderStrategyItem> weighted = strategy.stream().filter(i -> i.weight() > 0).toList();
        if (left > 0 && weighted.isEmpty()) {
            throw EcsErrors.invalidParameter("The capacity provider strategy must have at least one provider with a"
                    + " weight greater than 0.");
        }
        // A provider's tasks count towards its weighted share once its base is met, not before.
        long[] total = new long[weighted.size()];
        for (int i = 0; i < weighted.size(); i++) {
            CapacityProviderStrategyItem item = weighted.get(i);
            long tasks = running.getOrDefault(item.capacityProvider(), 0) + shares.get(item.capacityProvider());
            total[i] = tasks - Math.min(item.base(), tasks);
        }
        for (; left > 0; left--) {
            int best = 0;
            for (int i = 1; i < weighted.size(); i++) {
                // (tasks + 1) / weight smallest: the provider furthest below its share.
                if ((total[i] + 1) * weighted.get(best).weight() < (total[best] + 1) * weighted.get(i).weight()) {
                    best = i;
                }
            }
            total[best]++;
            shares.merge(weighted.get(best).capacityProvider(), 1, Integer::sum);
        }
        shares.values().removeIf(n -> n == 0);
        return shares;
    }

    /** {@code count} cut into {from, size} pieces of at most {@link PlacementRequest#MAX_COUNT}. */
    private static List<int[]> chunks(int count) {
        List<int[]> chunks = new ArrayList<>();
        for (int from = 0; from < count; from += PlacementRequest.MAX_COUNT) {
            chunks.add(new int[] {from, Math.min(PlacementRequest.MAX_COUNT, count - from)});
        }
        return chunks;
    }

    private static PlacementRequest request(Launch launch, TaskReservation reservation, int count, String launchType,
            String capacityProvider, List<String> instances, long seed) {
        PlacementRequest.Builder builder = PlacementRequest.builder()
                .cpu(reservation.cpu())
                .memory(reservation.memory())
                .dynamicPorts(reservation.dynamic().size())
                .group(launch.group())
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
        for (JsonNode required : launch.taskDefinition().path("requiresAttributes")) {
            builder.requiresAttribute(RequiredAttribute.of(required.path("name").asText(),
                    required.hasNonNull("value") ? required.get("value").asText() : null));
        }
        for (JsonNode constraint : launch.taskDefinition().path("placementConstraints")) {
            builder.constraint(constraint.path("type").asText(), constraint.hasNonNull("expression")
                    ? constraint.get("expression").asText() : null);
        }
        launch.constraints().forEach(c -> builder.constraint(c.type(), c.expression()));
        if (instances.isEmpty()) {
            launch.strategies().forEach(s -> builder.strategy(s.type(), s.field()));
        } else {
            instances.forEach(builder::instance);
        }
        return builder.build();
    }
}
