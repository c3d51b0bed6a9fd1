package io.berth.registry.infra;

import io.smallrye.config.ConfigMapping;
import java.nio.file.Path;
import java.time.Duration;

/** Where the registry keeps its blobs, and how long unreferenced content and open uploads live. */
@ConfigMapping(prefix = "berth.registry")
public interface RegistryConfig {

    /** The data directory: {@code blobs/sha256/<2 hex>/<64 hex>} and {@code uploads/<id>}. */
    Path data();

    /** How long a blob no image references stays before it is collected. */
    Duration gcGrace();

    Duration gcInterval();

    Duration uploadExpiry();

    Duration lifecycleInterval();

    Duration tokenValidity();
}
