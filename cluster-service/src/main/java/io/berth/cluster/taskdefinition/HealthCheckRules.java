package io.berth.cluster.taskdefinition;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.ecs.EcsErrors;
import java.util.List;

/** A container's {@code healthCheck}: the Docker command form, the ranges, and the defaults ECS shows. */
final class HealthCheckRules {

    private record Setting(String member, int min, int max, Integer absent) {
    }

    private static final List<Setting> SETTINGS = List.of(
            new Setting("interval", 5, 300, 30),
            new Setting("timeout", 2, 60, 5),
            new Setting("retries", 1, 10, 3),
            new Setting("startPeriod", 0, 300, null));

    private HealthCheckRules() {
    }

    static void validate(String container, ObjectNode healthCheck) {
        List<String> command = Members.texts(healthCheck, "command");
        if (command.isEmpty()) {
            throw invalid(container, "command should not be null or empty.");
        }
        // Docker's exec form: the first word says how to run the rest, and the rest must exist.
        if (!(command.get(0).equals("CMD") || command.get(0).equals("CMD-SHELL")) || command.size() < 2) {
            throw invalid(container, "The command must start with CMD or CMD-SHELL, followed by the command to run.");
        }
        // The range messages are ECS's own, down to the missing final period.
        for (Setting setting : SETTINGS) {
            Integer value = Members.integer(healthCheck, setting.member());
            if (value == null) {
                if (setting.absent() != null) {
                    healthCheck.put(setting.member(), setting.absent());
                }
            } else if (value < setting.min()) {
                throw EcsErrors.clientException("Health check " + setting.member()
                        + " must be greater than or equal to the minimum allowed value " + setting.min()
                        + " for container '" + container + "'");
            } else if (value > setting.max()) {
                throw EcsErrors.clientException("Health check " + setting.member()
                        + " must be less than or equal to the maximum allowed value " + setting.max()
                        + " for container '" + container + "'");
            }
        }
    }

    private static RuntimeException invalid(String container, String detail) {
        return EcsErrors.clientException("Invalid 'healthCheck' setting for container '" + container + "'. " + detail);
    }
}
