package io.berth.agent.task;

import java.util.List;

/**
 * The order of the statuses an agent reports for a task. Agents retry their reports and reports
 * cross, so a report that would move a task backwards (PENDING after RUNNING, anything after
 * STOPPED) is acknowledged and dropped, as ECS does (ADR 0025).
 */
final class TaskStatuses {

    static final List<String> ORDER = List.of("PENDING", "RUNNING", "STOPPED");

    private TaskStatuses() {
    }

    static boolean isKnown(String status) {
        return ORDER.contains(status);
    }

    /** Whether a task that is {@code current} stays where it is or moves forward with {@code reported}. */
    static boolean movesForward(String current, String reported) {
        return !"STOPPED".equals(current) && ORDER.indexOf(reported) >= ORDER.indexOf(current);
    }
}
