package io.berth.logs;

import io.berth.ecs.Caller;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Log group and stream names and ARNs. A group's ARN is {@code arn:aws:logs:<region>:<account>:log-group:<name>};
 * DescribeLogGroups' {@code arn} adds {@code :*}, a stream's ARN adds {@code :log-stream:<name>}.
 */
public final class LogNames {

    public static final int MAX_NAME = 512;
    private static final Pattern GROUP = Pattern.compile("[\\.\\-_/#A-Za-z0-9]+");
    private static final Pattern STREAM = Pattern.compile("[^:*]*");
    private static final Pattern GROUP_ARN = Pattern.compile(
            "arn:aws[a-z-]*:logs:([a-z0-9-]+):(\\d{12}):log-group:([^:]+)(:\\*)?");

    private LogNames() {
    }

    /** A name CreateLogGroup accepts. */
    public static String checkGroupName(String name, String member) {
        if (name == null) {
            throw LogsErrors.missing(member);
        }
        if (name.isEmpty() || name.length() > MAX_NAME) {
            throw LogsErrors.constraint(name, member, "Member must have length between 1 and " + MAX_NAME);
        }
        if (!GROUP.matcher(name).matches()) {
            throw LogsErrors.constraint(name, member,
                    "Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+");
        }
        return name;
    }

    /** A name CreateLogStream accepts: no colon, no asterisk. */
    public static String checkStreamName(String name, String member) {
        if (name == null) {
            throw LogsErrors.missing(member);
        }
        if (name.isEmpty() || name.length() > MAX_NAME) {
            throw LogsErrors.constraint(name, member, "Member must have length between 1 and " + MAX_NAME);
        }
        if (!STREAM.matcher(name).matches()) {
            throw LogsErrors.constraint(name, member, "Member must satisfy regular expression pattern: [^:*]*");
        }
        return name;
    }

    public static String groupArn(Caller caller, String name) {
        return "arn:aws:logs:" + caller.region() + ":" + caller.account() + ":log-group:" + name;
    }

    public static String streamArn(String groupArn, String stream) {
        return groupArn + ":log-stream:" + stream;
    }

    /**
     * The group a {@code logGroupIdentifier} names: its name, or its ARN with or without {@code :*}. An ARN of
     * another account or region names no group of the caller's.
     */
    public static Optional<String> groupNameOf(Caller caller, String identifier) {
        if (!identifier.startsWith("arn:")) {
            return Optional.of(identifier);
        }
        var arn = GROUP_ARN.matcher(identifier);
        if (!arn.matches() || !arn.group(1).equals(caller.region()) || !arn.group(2).equals(caller.account())) {
            return Optional.empty();
        }
        return Optional.of(arn.group(3));
    }
}
