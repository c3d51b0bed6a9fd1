package io.berth.eventstore;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** Read your writes (ADR 0033): how long positions are passed on, and waited for. */
@ConfigMapping(prefix = "berth.read-your-writes")
public interface ReadYourWritesConfig {

    /**
     * The longest a call or a command waits for its consumers to apply the writes it follows; past
     * it the call is answered with a retryable error rather than with what it would not yet see.
     */
    @WithDefault("5S")
    Duration maxWait();

    /**
     * How long the gateway keeps passing a caller's written positions on to its next calls: the
     * longest a consumer may lag behind a write and still be waited for.
     */
    @WithDefault("30S")
    Duration pendingFor();

    /**
     * Incoming channels whose records change no state a call reads (utilization samples kept in
     * memory, for instance): their topics are never waited for, since no consumer skeleton records
     * what they applied.
     */
    Optional<Set<String>> unawaitedChannels();
}
