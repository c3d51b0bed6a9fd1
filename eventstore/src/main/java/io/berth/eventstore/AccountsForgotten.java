package io.berth.eventstore;

/**
 * Fired, synchronously, once a reset's deletions have committed: what a service holds in memory of the
 * account (indexes, runtimes, samples) goes too. {@code account} is null when every account was reset.
 */
public record AccountsForgotten(String account) {

    /** Whether data of {@code owner} (an account id) was forgotten. */
    public boolean includes(String owner) {
        return account == null || account.equals(owner);
    }
}
