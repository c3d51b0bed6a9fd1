package io.berth.gateway.stream;

import io.berth.events.EventEnvelope;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What one stream wants, in two steps: what the record tells unparsed — its type (header), the
 * account of its key (every topic the feed reads is keyed by an ARN of the account whose event it
 * is), and whether the key is an Auto Scaling group, which is all a group's events are matched by —
 * then the rest (the cluster, the service), which needs the parsed event.
 *
 * <p>A stream selects resources two ways, and wants an event either selects: a cluster or service
 * ({@code resource}) and Auto Scaling groups ({@code groups}), whose events carry no cluster. With
 * neither it wants every event of its account.
 *
 * @param types the type names asked for; empty for every type
 * @param account the account whose events the stream shows; null for every account
 * @param groups the Auto Scaling groups asked for, by name or ARN; empty for none
 * @param scope what every parsed event must satisfy (its account and region)
 * @param resource what a parsed event other than a group's must satisfy; null when no cluster or
 *     service is asked for
 */
record StreamFilter(Set<String> types, String account, Set<String> groups, Predicate<EventEnvelope> scope,
        Predicate<EventEnvelope> resource) {

    static final StreamFilter EVERYTHING = new StreamFilter(Set.of(), null, Set.of(), e -> true, null);
    private static final String GROUP = ":autoScalingGroup:";
    private static final String GROUP_NAME = ":autoScalingGroupName/";

    StreamFilter {
        types = Set.copyOf(types);
        groups = Set.copyOf(groups);
    }

    /**
     * Whether a record of {@code type} keyed {@code key} may be wanted; what the record does not tell
     * (no type header, a key that is no ARN) has to be parsed to tell.
     */
    boolean mayWant(String type, String key) {
        if (type != null && !types.isEmpty() && !types.contains(type)) {
            return false;
        }
        String owner = accountOf(key);
        if (account != null && owner != null && !owner.equals(account)) {
            return false;
        }
        if (isGroup(key)) {
            return groups.isEmpty() ? resource == null : groups.stream().anyMatch(g -> names(key, g));
        }
        return resource != null || groups.isEmpty();
    }

    boolean wants(EventEnvelope event) {
        String key = event.partitionKey();
        return mayWant(event.type(), key) && scope.test(event)
                && (isGroup(key) || resource == null || resource.test(event));
    }

    /** The account field of an ARN ({@code arn:partition:service:region:account:resource}); null if none. */
    static String accountOf(String key) {
        if (key == null || !key.startsWith("arn:")) {
            return null;
        }
        String[] fields = key.split(":", 6);
        return fields.length == 6 && !fields[4].isEmpty() ? fields[4] : null;
    }

    /** Whether {@code key} is an Auto Scaling group's ARN: the key of each of the group's events. */
    static boolean isGroup(String key) {
        return key != null && key.startsWith("arn:") && key.contains(GROUP) && key.contains(GROUP_NAME);
    }

    /** Whether the group ARN {@code key} is the group {@code nameOrArn}. */
    private static boolean names(String key, String nameOrArn) {
        return nameOrArn.startsWith("arn:") ? key.equals(nameOrArn) : key.endsWith(GROUP_NAME + nameOrArn);
    }
}
