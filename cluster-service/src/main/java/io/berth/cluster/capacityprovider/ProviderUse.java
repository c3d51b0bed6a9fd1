package io.berth.cluster.capacityprovider;

import io.berth.ecs.Caller;
import java.util.List;

/** Which clusters use a capacity provider: DeleteCapacityProvider is refused while any does. */
public interface ProviderUse {

    /** Every ACTIVE cluster of the caller whose capacity providers include {@code provider}. */
    List<String> clustersUsing(Caller caller, String provider);
}
