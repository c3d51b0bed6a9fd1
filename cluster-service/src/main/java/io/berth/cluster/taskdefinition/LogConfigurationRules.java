package io.berth.cluster.taskdefinition;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.ecs.EcsErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A container's {@code logConfiguration}: the drivers ECS knows, and the narrower set Fargate runs. */
final class LogConfigurationRules {

    static final String AWSLOGS = "awslogs";
    static final String AWSFIRELENS = "awsfirelens";
    static final List<String> DRIVERS = List.of("json-file", "syslog", "journald", "gelf", "fluentd", AWSLOGS,
            "splunk", AWSFIRELENS);
    private static final Set<String> FARGATE_DRIVERS = Set.of(AWSLOGS, "splunk", AWSFIRELENS);
    /** Fargate has no instance to fall back on for these, so awslogs needs them spelled out. */
    private static final List<String> FARGATE_AWSLOGS_OPTIONS = List.of("awslogs-region", "awslogs-group",
            "awslogs-stream-prefix");

    private LogConfigurationRules() {
    }

    static void validate(String container, ObjectNode logConfiguration, TaskContext task) {
        String driver = Members.text(logConfiguration, "logDriver");
        if (Members.isBlank(driver)) {
            throw invalid(container, "logDriver should not be null or empty.");
        }
        if (!DRIVERS.contains(driver)) {
            throw invalid(container, "Log driver '" + driver + "' is not supported. Valid values: "
                    + String.join(", ", DRIVERS) + ".");
        }
        Compatibilities compatibilities = task.compatibilities();
        if (!FARGATE_DRIVERS.contains(driver)) {
            compatibilities.notOnFargate("Invalid 'logConfiguration' setting for container '" + container
                    + "'. Fargate compatible task definitions do not support log driver '" + driver + "'.");
        }
        if (driver.equals(AWSLOGS)) {
            if (!task.hasExecutionRole()) {
                compatibilities.notOnFargate(
                        "Fargate requires task definition to have execution role ARN to support log driver awslogs.");
            }
            ObjectNode options = Members.object(logConfiguration, "options");
            List<String> missing = new ArrayList<>();
            for (String option : FARGATE_AWSLOGS_OPTIONS) {
                if (options == null || Members.isBlank(Members.text(options, option))) {
                    missing.add(option);
                }
            }
            if (!missing.isEmpty()) {
                // ECS's message lists the missing options, without a final period.
                compatibilities.notOnFargate("Log driver awslogs requires options: " + String.join(", ", missing));
            }
        }
    }

    private static RuntimeException invalid(String container, String detail) {
        return EcsErrors.clientException(
                "Invalid 'logConfiguration' setting for container '" + container + "'. " + detail);
    }
}
