package io.berth.cluster.taskdefinition;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.ecs.EcsErrors;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Members that name another container of the task: links, volumesFrom, dependsOn, FireLens. */
final class ContainerReferences {

    private static final List<String> CONDITIONS = List.of("START", "COMPLETE", "SUCCESS", "HEALTHY");

    private enum Visit { IN_PROGRESS, DONE }

    private ContainerReferences() {
    }

    static void validate(Map<String, ObjectNode> containers) {
        for (Map.Entry<String, ObjectNode> entry : containers.entrySet()) {
            String name = entry.getKey();
            ObjectNode container = entry.getValue();
            for (String link : Members.texts(container, "links")) {
                // "name" or "name:alias"
                int colon = link.indexOf(':');
                target(containers, name, "links", colon < 0 ? link : link.substring(0, colon));
            }
            for (ObjectNode volumesFrom : Members.objects(container, "volumesFrom")) {
                target(containers, name, "volumesFrom", Members.text(volumesFrom, "sourceContainer"));
            }
            for (ObjectNode dependency : Members.objects(container, "dependsOn")) {
                dependency(containers, name, dependency);
            }
        }
        checkNoCycle(containers);
        checkFirelens(containers);
    }

    private static ObjectNode target(Map<String, ObjectNode> containers, String container, String member,
            String target) {
        if (Members.isBlank(target)) {
            throw ContainerRules.invalid(container, member, "The container name should not be null or empty.");
        }
        if (target.equals(container)) {
            throw ContainerRules.invalid(container, member, "A container cannot refer to itself.");
        }
        ObjectNode found = containers.get(target);
        if (found == null) {
            throw ContainerRules.invalid(container, member,
                    "Container '" + target + "' does not exist in this task definition.");
        }
        return found;
    }

    private static void dependency(Map<String, ObjectNode> containers, String container, ObjectNode dependency) {
        String targetName = Members.text(dependency, "containerName");
        ObjectNode target = target(containers, container, "dependsOn", targetName);
        String condition = Members.text(dependency, "condition");
        if (!Members.isOneOf(condition, CONDITIONS)) {
            throw ContainerRules.invalid(container, "dependsOn",
                    "The condition must be one of " + String.join(", ", CONDITIONS) + ".");
        }
        // An essential container that completes stops the task, so nothing could start after it.
        // (ECS's message, without a final period.)
        if ((condition.equals("COMPLETE") || condition.equals("SUCCESS")) && Members.bool(target, "essential", true)) {
            throw EcsErrors.clientException(
                    "A dependency container with SUCCESS or COMPLETE condition cannot be an essential container");
        }
        if (condition.equals("HEALTHY") && !target.has("healthCheck")) {
            throw ContainerRules.invalid(container, "dependsOn", "Condition HEALTHY needs a healthCheck on container '"
                    + targetName + "'.");
        }
    }

    /** The agent starts containers in dependency order, which a cycle makes impossible. */
    private static void checkNoCycle(Map<String, ObjectNode> containers) {
        Map<String, Visit> visits = new HashMap<>();
        for (String name : containers.keySet()) {
            visit(containers, name, visits);
        }
    }

    /** Recursion is bounded by the number of containers: each frame is a container not yet finished. */
    private static void visit(Map<String, ObjectNode> containers, String name, Map<String, Visit> visits) {
        Visit visit = visits.get(name);
        if (visit == Visit.DONE) {
            return;
        }
        if (visit == Visit.IN_PROGRESS) {
            throw ContainerRules.invalid(name, "dependsOn", "Container dependencies cannot form a cycle.");
        }
        visits.put(name, Visit.IN_PROGRESS);
        for (ObjectNode dependency : Members.objects(containers.get(name), "dependsOn")) {
            visit(containers, Members.text(dependency, "containerName"), visits);
        }
        visits.put(name, Visit.DONE);
    }

    /** awsfirelens sends the logs to the task's FireLens container, so there must be one. */
    private static void checkFirelens(Map<String, ObjectNode> containers) {
        boolean router = containers.values().stream().anyMatch(c -> c.has("firelensConfiguration"));
        for (Map.Entry<String, ObjectNode> entry : containers.entrySet()) {
            ObjectNode logConfiguration = Members.object(entry.getValue(), "logConfiguration");
            if (!router && logConfiguration != null
                    && LogConfigurationRules.AWSFIRELENS.equals(Members.text(logConfiguration, "logDriver"))) {
                throw ContainerRules.invalid(entry.getKey(), "logConfiguration",
                        "Log driver awsfirelens needs a container with a firelensConfiguration in the task"
                                + " definition.");
            }
        }
    }
}
