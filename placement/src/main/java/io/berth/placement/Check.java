package io.berth.placement;

import io.berth.cql.ClusterQuery;

import java.util.List;

/**
 * What the filters need to know about a request, prepared once per request.
 *
 * @param group the task group; requests without one get a private group of their own tasks
 */
record Check(PlacementRequest request, String group, List<ClusterQuery> memberOf, boolean distinctInstance) {

    /** The group of tasks placed without a group: only the tasks of the same request share it. */
    static final String UNGROUPED = "\u0000ungrouped";

    static Check of(PlacementRequest request) {
        List<ClusterQuery> memberOf = request.constraints().stream()
                .filter(c -> c instanceof Constraint.MemberOf)
                .map(c -> ((Constraint.MemberOf) c).query())
                .toList();
        boolean distinct = request.constraints().stream().anyMatch(c -> c instanceof Constraint.DistinctInstance);
        return new Check(request, request.group().orElse(UNGROUPED), memberOf, distinct);
    }
}
