package io.berth.benchmarks.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Reads only, in equal shares picked at random: DescribeClusters, ListTasks, DescribeTasks and
 * ListContainerInstances on the prepared fleet. The setup starts one burst of tasks for
 * DescribeTasks to find; when the server cannot run tasks, DescribeTasks asks for an id that does
 * not exist, which ECS answers with a MISSING failure.
 */
final class ReadsScenario implements Scenario {

    static final String UNKNOWN_TASK = "00000000000000000000000000000000";

    private final ScenarioSettings settings;
    private final Random random;
    private volatile List<String> tasks = List.of(UNKNOWN_TASK);

    ReadsScenario(ScenarioSettings settings) {
        this(settings, new Random(settings.seed()));
    }

    /** A reads scenario drawing from the given random, so that a scenario embedding it keeps one sequence. */
    ReadsScenario(ScenarioSettings settings, Random random) {
        this.settings = settings;
        this.random = random;
    }

    @Override
    public void setUp(Setup setup) {
        Fleet.prepare(setup, settings);
        EcsResponse started = setup.call(EcsRequests.runTask(settings.cluster(), Fleet.FAMILY, RunTaskScenario.BURST));
        List<String> arns = new ArrayList<>();
        for (JsonNode task : started.json().path("tasks")) {
            arns.add(task.path("taskArn").asText());
        }
        if (started.successful() && !arns.isEmpty()) {
            tasks = List.copyOf(arns);
        }
    }

    @Override
    public EcsRequest next() {
        String cluster = settings.cluster();
        return switch (random.nextInt(4)) {
            case 0 -> EcsRequests.describeClusters(cluster);
            case 1 -> EcsRequests.listTasks(cluster);
            case 2 -> EcsRequests.describeTasks(cluster, tasks);
            default -> EcsRequests.listContainerInstances(cluster);
        };
    }
}
