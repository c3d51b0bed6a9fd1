package io.berth.placement;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The outcome of one request: a placement per placed task, an ECS failure per task that could not
 * be placed, and the diagnostics of every decision (they travel in the placement event).
 */
public record PlacementResult(List<Placement> placements, List<Failure> failures, List<Diagnostics> diagnostics) {

    public PlacementResult {
        placements = List.copyOf(placements);
        failures = List.copyOf(failures);
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean allPlaced() {
        return failures.isEmpty();
    }

    /**
     * One placed task.
     *
     * @param tcpPorts the static TCP host ports plus the chosen dynamic ones
     * @param dynamicPorts the ports chosen from the ephemeral range, ascending
     * @param scores the chosen instance's score per strategy, in strategy order
     */
    public record Placement(
            int taskIndex,
            String instanceArn,
            Set<Integer> tcpPorts,
            Set<Integer> udpPorts,
            List<Integer> dynamicPorts,
            List<Score> scores) {

        public Placement {
            tcpPorts = Set.copyOf(tcpPorts);
            udpPorts = Set.copyOf(udpPorts);
            dynamicPorts = List.copyOf(dynamicPorts);
            scores = List.copyOf(scores);
        }

        /** What to hand to {@link ClusterIndex#addTask} once the task exists. */
        public TaskPlacement toTask(String taskArn, PlacementRequest request) {
            return new TaskPlacement(taskArn, instanceArn, request.group(), request.cpu(), request.memory(),
                    tcpPorts, udpPorts);
        }
    }

    /** A strategy's score of an instance; lower is better. */
    public record Score(String strategy, long value) {
    }

    /**
     * An ECS {@code failures[]} entry.
     *
     * @param arn the closest container instance (rejected by the latest filter), or the listed
     *     instance for StartTask
     */
    public record Failure(int taskIndex, String arn, String reason) {
    }

    /**
     * How a decision was reached.
     *
     * @param instancesInCluster instances in the index
     * @param candidateSource which index the candidates came from, e.g. {@code attribute rack=r7}
     * @param candidatesExamined instances the filters were run on
     * @param rejections instances rejected, by the filter that rejected them
     * @param closestInstance the instance rejected by the latest filter (shown on failures)
     * @param closestRejection the filter that rejected the closest instance
     * @param feasible instances that passed every filter
     * @param ties candidates with the best scores, among which the seeded pick chose
     * @param chosenScores the scores of the chosen instance; empty on failure
     */
    public record Diagnostics(
            int taskIndex,
            int instancesInCluster,
            String candidateSource,
            int candidatesExamined,
            Map<Filter, Integer> rejections,
            Optional<String> closestInstance,
            Optional<Filter> closestRejection,
            int feasible,
            int ties,
            List<Score> chosenScores) {

        public Diagnostics {
            rejections = rejections.isEmpty() ? Map.of() : new EnumMap<>(rejections);
            chosenScores = List.copyOf(chosenScores);
        }

        /** The rejection histogram keyed by ECS reason text, in pipeline order. */
        public Map<String, Integer> rejectionsByReason() {
            Map<String, Integer> byReason = new LinkedHashMap<>();
            for (Filter filter : Filter.values()) {
                Integer n = rejections.get(filter);
                if (n != null) {
                    byReason.merge(filter.reason(), n, Integer::sum);
                }
            }
            return byReason;
        }

        Diagnostics forTask(int index) {
            return new Diagnostics(index, instancesInCluster, candidateSource, candidatesExamined, rejections,
                    closestInstance, closestRejection, feasible, ties, chosenScores);
        }
    }
}
