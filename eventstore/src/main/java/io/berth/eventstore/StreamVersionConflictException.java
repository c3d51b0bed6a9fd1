package io.berth.eventstore;

/**
 * Another writer appended to the stream first. Never a silent overwrite: the caller reloads the
 * stream and decides again, or reports the conflict.
 */
public class StreamVersionConflictException extends RuntimeException {

    private final StreamId stream;
    private final long expectedVersion;

    public StreamVersionConflictException(StreamId stream, long expectedVersion, Throwable cause) {
        super("Stream " + stream.type() + "/" + stream.id() + " is no longer at version " + expectedVersion, cause);
        this.stream = stream;
        this.expectedVersion = expectedVersion;
    }

    public StreamId stream() {
        return stream;
    }

    public long expectedVersion() {
        return expectedVersion;
    }
}
