package io.berth.agent.runtime;

import java.time.Instant;

/** The log of one container: it takes the container's lines as they come, and lets go of them when closed. */
public interface ContainerLog {

    /** One line the container wrote (stdout or stderr), without its line break, read at {@code time}. */
    void append(Instant time, String line);

    /**
     * Where a resumed container's log stands: lines at or before this moment were shipped before the agent
     * restarted. {@link Instant#EPOCH} when nothing was.
     */
    default Instant shippedUntil() {
        return Instant.EPOCH;
    }

    /** Sends what is still buffered and lets go; lines appended afterwards are dropped. */
    void close();
}
