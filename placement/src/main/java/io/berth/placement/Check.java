package io.berth.placement;

import io.berth.cql.ClusterQuery;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What the filters and the candidate walk need to know about a request, prepared once per request.
 *
 * @param group the task group; requests without one get a private group of their own tasks
 * @param hints the attribute conditions every feasible instance meets (memberOf hints, then the
 *     required attributes), in the order the candidate source prefers them on equal size
 * @param tcpPorts the request's static TCP host ports, as an array so that the port filter allocates nothing
 * @param udpPorts the request's static UDP host ports
 * @param staticEphemeral how many of the static TCP ports are in the ephemeral range
 */
record Check(PlacementRequest request, String group, List<ClusterQuery> memberOf, boolean distinctInstance,
        List<AttributeHint> hints, Integer[] tcpPorts, Integer[] udpPorts, int staticEphemeral) {

    /** The group of tasks placed without a group: only the tasks of the same request share it. */
    static final String UNGROUPED = "\u0000ungrouped";

    /**
     * Instances must have the attribute and, when {@code values} is not empty, one of the values.
     *
     * @param description how the diagnostics name the candidate source it gives
     */
    record AttributeHint(String description, String attribute, Set<String> values) {
    }

    static Check of(PlacementRequest request) {
        List<ClusterQuery> memberOf = new ArrayList<>();
        List<AttributeHint> hints = new ArrayList<>();
        boolean distinct = false;
        for (Constraint c : request.constraints()) {
            if (c instanceof Constraint.MemberOf m) {
                memberOf.add(m.query());
                for (MemberOfHint.Hint hint : MemberOfHint.of(m.query().expression())) {
                    hints.add(new AttributeHint("memberOf attribute " + hint.attribute()
                            + (hint.values().isEmpty() ? "" : " in " + hint.values()), hint.attribute(), hint.values()));
                }
            } else if (c instanceof Constraint.DistinctInstance) {
                distinct = true;
            }
        }
        for (RequiredAttribute required : request.requiresAttributes()) {
            hints.add(new AttributeHint("required attribute " + required.name(), required.name(),
                    required.value().map(Set::of).orElse(Set.of())));
        }
        Integer[] tcp = request.tcpPorts().toArray(new Integer[0]);
        Integer[] udp = request.udpPorts().toArray(new Integer[0]);
        int staticEphemeral = 0;
        for (Integer port : tcp) {
            if (InstanceState.ephemeral(port)) {
                staticEphemeral++;
            }
        }
        return new Check(request, request.group().orElse(UNGROUPED), List.copyOf(memberOf), distinct,
                List.copyOf(hints), tcp, udp, staticEphemeral);
    }
}
