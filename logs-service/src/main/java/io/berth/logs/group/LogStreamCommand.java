package io.berth.logs.group;

import java.time.Instant;

/**
 * What can be asked of a log stream. {@code logGroupIncarnation} is the life of the group the caller found: a stream
 * of an earlier life of the group is gone with it.
 */
public sealed interface LogStreamCommand {

    String logGroupArn();

    String logStreamName();

    long logGroupIncarnation();

    record CreateLogStream(String logGroupArn, String logStreamName, long logGroupIncarnation, Instant creationTime)
            implements LogStreamCommand {
    }

    record DeleteLogStream(String logGroupArn, String logStreamName, long logGroupIncarnation)
            implements LogStreamCommand {
    }
}
