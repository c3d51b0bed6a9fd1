package io.berth.gateway.stream;

import io.berth.events.EventEnvelope;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What one stream wants, in two steps: what the record tells unparsed — its type (header) and the
 * account of its key (every topic the feed reads is keyed by an ARN of the account whose event it
 * is) — then the rest (the cluster, the service), which needs the parsed event.
 *
 * @param types the type names asked for; empty for every type
 * @param account the account whose events the stream shows; null for every account
 * @param parsed what the parsed event must satisfy, the account included
 */
record StreamFilter(Set<String> types, String account, Predicate<EventEnvelope> parsed) {

    static final StreamFilter EVERYTHING = new StreamFilter(Set.of(), null, e -> true);

    StreamFilter {
        types = Set.copyOf(types);
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
        return account == null || owner == null || owner.equals(account);
    }

    boolean wants(EventEnvelope event) {
        return mayWant(event.type(), event.partitionKey()) && parsed.test(event);
    }

    /** The account field of an ARN ({@code arn:partition:service:region:account:resource}); null if none. */
    static String accountOf(String key) {
        if (key == null || !key.startsWith("arn:")) {
            return null;
        }
        String[] fields = key.split(":", 6);
        return fields.length == 6 && !fields[4].isEmpty() ? fields[4] : null;
    }
}
