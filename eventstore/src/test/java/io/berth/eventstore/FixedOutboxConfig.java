package io.berth.eventstore;

import java.time.Duration;

/** The outbox's settings as values, for a test's own relay that differs from the service's in one or two of them. */
record FixedOutboxConfig(boolean relayEnabled, int batchSize, Duration pollInterval, Duration idlePollInterval,
        Duration retention, String compressionType) implements OutboxConfig {

    static FixedOutboxConfig of(OutboxConfig config) {
        return new FixedOutboxConfig(config.relayEnabled(), config.batchSize(), config.pollInterval(),
                config.idlePollInterval(), config.retention(), config.compressionType());
    }

    FixedOutboxConfig relaying(boolean enabled) {
        return new FixedOutboxConfig(enabled, batchSize, pollInterval, idlePollInterval, retention, compressionType);
    }

    FixedOutboxConfig paced(Duration poll, Duration idle) {
        return new FixedOutboxConfig(relayEnabled, batchSize, poll, idle, retention, compressionType);
    }

    FixedOutboxConfig retaining(Duration kept) {
        return new FixedOutboxConfig(relayEnabled, batchSize, pollInterval, idlePollInterval, kept, compressionType);
    }
}
