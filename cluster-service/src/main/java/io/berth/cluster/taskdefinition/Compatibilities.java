package io.berth.cluster.taskdefinition;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.berth.ecs.EcsErrors;
import java.util.List;
import java.util.Set;

/**
 * Decides the {@code compatibilities} of a definition while the rules run. A rule that a launch type
 * does not allow reports it here: if the caller listed that launch type in
 * {@code requiresCompatibilities}, registration fails at once with the rule's message; otherwise the
 * launch type is just left out of {@code compatibilities}.
 *
 * <p>The result lists, in this order: {@code EC2} always (EC2 runs everything that passes the common
 * rules); {@code EXTERNAL} unless a rule excluded it; {@code FARGATE} unless a rule excluded it;
 * {@code MANAGED_INSTANCES} only when requested, because the ECS reference gives no rule for when a
 * definition fits it.
 */
final class Compatibilities {

    static final String EC2 = "EC2";
    static final String FARGATE = "FARGATE";
    static final String EXTERNAL = "EXTERNAL";
    static final String MANAGED_INSTANCES = "MANAGED_INSTANCES";
    static final List<String> ALL = List.of(EC2, FARGATE, EXTERNAL, MANAGED_INSTANCES);

    private final Set<String> requested;
    private boolean fargate = true;
    private boolean external = true;

    Compatibilities(Set<String> requested) {
        this.requested = Set.copyOf(requested);
    }

    boolean requires(String launchType) {
        return requested.contains(launchType);
    }

    /** A Fargate rule is broken; {@code message} is what the caller sees if Fargate was required. */
    void notOnFargate(String message) {
        if (requires(FARGATE)) {
            throw EcsErrors.clientException(message);
        }
        fargate = false;
    }

    void notOnExternal(String message) {
        if (requires(EXTERNAL)) {
            throw EcsErrors.clientException(message);
        }
        external = false;
    }

    ArrayNode resolve() {
        ArrayNode compatibilities = JsonNodeFactory.instance.arrayNode().add(EC2);
        if (external) {
            compatibilities.add(EXTERNAL);
        }
        if (fargate) {
            compatibilities.add(FARGATE);
        }
        if (requires(MANAGED_INSTANCES)) {
            compatibilities.add(MANAGED_INSTANCES);
        }
        return compatibilities;
    }
}
