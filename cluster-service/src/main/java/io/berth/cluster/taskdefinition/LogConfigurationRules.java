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
    /** What the awslogs driver needs on every launch type. */
    private static final List<String> AWSLOGS_OPTIONS = List.of("awslogs-region", "awslogs-group");
    private static final Set<String> MODES = Set.of("blocking", "non-blocking");
    private static final java.util.regex.Pattern BUFFER_SIZE = java.util.regex.Pattern.compile(
            "\\d+\\s*([kKmMgG]([iI]?[bB])?|[bB])?");

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
            awslogsOptions(container, options);
        }
    }

    /**
     * The awslogs options the driver is given as they are: a group and region to ship to, a create-group flag that
     * is a boolean, one multiline rule at most, a known mode, a buffer size it can read. A container that breaks one
     * would fail to start; ECS refuses the definition instead.
     */
    private static void awslogsOptions(String container, ObjectNode options) {
        List<String> missing = new ArrayList<>();
        for (String option : AWSLOGS_OPTIONS) {
            if (options == null || Members.isBlank(Members.text(options, option))) {
                missing.add(option);
            }
        }
        if (!missing.isEmpty()) {
            throw EcsErrors.clientException("Log driver awslogs requires options: " + String.join(", ", missing));
        }
        String createGroup = Members.text(options, "awslogs-create-group");
        if (createGroup != null && !createGroup.equalsIgnoreCase("true") && !createGroup.equalsIgnoreCase("false")) {
            throw invalid(container, "awslogs-create-group must be true or false, not '" + createGroup + "'.");
        }
        if (options.has("awslogs-datetime-format") && options.has("awslogs-multiline-pattern")) {
            throw invalid(container, "awslogs-datetime-format and awslogs-multiline-pattern can not both be set.");
        }
        String pattern = Members.text(options, "awslogs-multiline-pattern");
        if (pattern != null) {
            try {
                java.util.regex.Pattern.compile(pattern);
            } catch (java.util.regex.PatternSyntaxException e) {
                throw invalid(container, "awslogs-multiline-pattern is not a valid regular expression: "
                        + e.getDescription() + ".");
            }
        }
        String mode = Members.text(options, "mode");
        if (mode != null && !MODES.contains(mode)) {
            throw invalid(container, "mode must be blocking or non-blocking, not '" + mode + "'.");
        }
        String buffer = Members.text(options, "max-buffer-size");
        if (buffer != null && !BUFFER_SIZE.matcher(buffer.trim()).matches()) {
            throw invalid(container, "max-buffer-size must be a size such as 25m, not '" + buffer + "'.");
        }
    }

    private static RuntimeException invalid(String container, String detail) {
        return EcsErrors.clientException(
                "Invalid 'logConfiguration' setting for container '" + container + "'. " + detail);
    }
}
