package io.berth.benchmarks.load;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/** The built-in scenarios by the name {@code --scenario} takes. */
final class Scenarios {

    private static final Map<String, Function<ScenarioSettings, Scenario>> BY_NAME =
            Collections.unmodifiableSortedMap(new TreeMap<>(Map.of(
                    "runtask", RunTaskScenario::new,
                    "reads", ReadsScenario::new,
                    "mixed", MixedScenario::new,
                    "create-update-service", ServiceRampScenario::new)));

    private Scenarios() {
    }

    static Set<String> names() {
        return BY_NAME.keySet();
    }

    static Scenario create(String name, ScenarioSettings settings) {
        Function<ScenarioSettings, Scenario> factory = BY_NAME.get(name);
        if (factory == null) {
            throw new IllegalArgumentException("Unknown scenario " + name + "; choose one of " + names());
        }
        return factory.apply(settings);
    }
}
