package io.berth.agent.runtime;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every report it receives, in order, and waits for one. */
final class RecordingListener implements TaskListener {

    static final Duration PATIENCE = Duration.ofSeconds(10);

    private final List<TaskReport> reports = new CopyOnWriteArrayList<>();

    @Override
    public void onStateChange(TaskReport report) {
        reports.add(report);
    }

    List<TaskReport> reports() {
        return List.copyOf(reports);
    }

    List<String> statuses() {
        return reports.stream().map(TaskReport::lastStatus).toList();
    }

    TaskReport last() {
        return reports.get(reports.size() - 1);
    }

    /** The first report with this task status, waiting for it if need be. */
    TaskReport awaitStatus(String lastStatus) {
        await().atMost(PATIENCE).until(() -> reports.stream().anyMatch(r -> r.lastStatus().equals(lastStatus)));
        return reports.stream().filter(r -> r.lastStatus().equals(lastStatus)).findFirst().orElseThrow();
    }
}
