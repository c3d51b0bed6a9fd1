package io.berth.eventstore;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "berth.outbox")
public interface OutboxConfig {

    /** Whether this instance runs the relay that publishes the outbox to Kafka. */
    @WithDefault("true")
    boolean relayEnabled();

    /** Rows published per transaction. */
    @WithDefault("500")
    int batchSize();

    /** How long an idle relay waits before it looks again (a commit wakes it at once). */
    @WithDefault("0.25S")
    Duration pollInterval();

    /**
     * The longest an idle relay waits before it looks again: each look in a row that finds the outbox empty doubles
     * the wait from the poll interval up to this. A commit of this instance still wakes it at once, and a relay that
     * finds the publishing lock taken keeps the poll interval, so only rows whose writer died before its relay
     * looked wait this long (ADR 0083).
     */
    @WithDefault("5S")
    Duration idlePollInterval();

    /**
     * How long published rows stay in the outbox, marked, for inspection, before they are deleted. Zero (the
     * default) deletes each batch in the transaction that published it: nothing reads a published row, and the
     * mark was the outbox's largest write (ADR 0073).
     */
    @WithDefault("0S")
    Duration retention();

    /**
     * The relay producer's {@code compression.type}: each batch of records the relay sends is
     * compressed once by its producer, stored so by the broker and fetched so by every consumer
     * group (docs/adr/0072).
     */
    @WithDefault("lz4")
    String compressionType();
}
