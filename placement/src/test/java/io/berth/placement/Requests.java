package io.berth.placement;

import java.util.stream.Collectors;

/** Test data: placement requests, and a one-word reading of their outcome. */
final class Requests {

    static final PlacementEngine ENGINE = new PlacementEngine();

    private Requests() {
    }

    /** A standalone task of family web: 256 CPU units, 512 MiB, seed 42. */
    static PlacementRequest.Builder task() {
        return PlacementRequest.builder().cpu(256).memory(512).group("family:web").seed(42);
    }

    static PlacementRequest.Builder serviceTask(String service) {
        return task().group("service:" + service);
    }

    /** The short id of the instance the single task went to, or the failure reason. */
    static String outcome(ClusterIndex index, PlacementRequest request) {
        PlacementResult result = ENGINE.place(index, request);
        if (!result.placements().isEmpty()) {
            return Instances.id(result.placements().get(0).instanceArn());
        }
        return result.failures().get(0).reason();
    }

    /** The short ids of the instances of all placed tasks, in task order, e.g. {@code a,b}. */
    static String instances(PlacementResult result) {
        return result.placements().stream()
                .map(p -> Instances.id(p.instanceArn()))
                .collect(Collectors.joining(","));
    }
}
