package io.berth.agent.fleet;

import io.berth.agent.runtime.Runtime;
import io.berth.agent.runtime.UtilizationListener;
import io.berth.ecs.EcsErrors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** The runtimes hosted agents can have, by name: every {@link RuntimeProvider} bean, each opened on first use. */
@ApplicationScoped
public class RuntimeRegistry {

    private final Map<String, RuntimeProvider> providers = new TreeMap<>();
    private final Map<String, Runtime> open = new ConcurrentHashMap<>();

    public RuntimeRegistry(Instance<RuntimeProvider> providers) {
        providers.forEach(provider -> this.providers.put(provider.name(), provider));
    }

    /** The provider of this name; an InvalidParameterException naming the known ones otherwise. */
    public RuntimeProvider provider(String name) {
        RuntimeProvider provider = providers.get(name);
        if (provider == null) {
            throw EcsErrors.invalidParameter("runtime must be one of " + String.join(", ", providers.keySet()) + ".");
        }
        return provider;
    }

    /** The runtime of this name, opened now if it was not yet. */
    public Runtime runtime(String name, UtilizationListener utilization) {
        return open.computeIfAbsent(name, n -> provider(n).open(utilization));
    }

    /** The runtime of this name if it has been opened. */
    public Optional<Runtime> ifOpen(String name) {
        return Optional.ofNullable(open.get(name));
    }

    /** Closes every runtime opened. */
    public void closeAll() {
        open.values().forEach(Runtime::close);
        open.clear();
    }
}
