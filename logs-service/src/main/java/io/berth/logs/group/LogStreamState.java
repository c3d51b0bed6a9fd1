package io.berth.logs.group;

/** A log stream folded from its stream: whether it exists, and in which life of its group. */
public record LogStreamState(boolean exists, long logGroupIncarnation) {

    public static final LogStreamState NONE = new LogStreamState(false, 0);

    /** Whether the stream exists in this life of its group. */
    boolean existsIn(long incarnation) {
        return exists && logGroupIncarnation == incarnation;
    }
}
