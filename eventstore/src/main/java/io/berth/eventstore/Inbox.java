package io.berth.eventstore;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Processed event ids per consumer, written in the same transaction as the consumer's effect: a
 * redelivered event finds its id and changes nothing.
 */
@ApplicationScoped
public class Inbox {

    /** Records a batch's ids and returns the new ones; parameters: the consumer, the ids. */
    static final String FIRST_DELIVERIES = "insert into es_inbox (consumer, event_id)"
            + " select ?, id from unnest(?::uuid[]) as ids(id) on conflict do nothing returning event_id";

    private final DataSource dataSource;

    public Inbox(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Records that {@code consumer} processes {@code eventId} now; false if it already did, in which
     * case the caller must skip the event.
     */
    @Transactional(TxType.MANDATORY)
    public boolean firstDelivery(String consumer, UUID eventId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "insert into es_inbox (consumer, event_id) values (?, ?) on conflict do nothing")) {
            s.setString(1, consumer);
            s.setObject(2, eventId);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new EventStoreException("Writing to the inbox failed", e);
        }
    }

    /**
     * {@link #firstDelivery} for a batch, in one statement: records every id of {@code eventIds}
     * and returns the ones {@code consumer} had not processed yet; the caller skips the others.
     */
    @Transactional(TxType.MANDATORY)
    public Set<UUID> firstDeliveries(String consumer, Collection<UUID> eventIds) {
        if (eventIds.isEmpty()) {
            return new HashSet<>();
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(FIRST_DELIVERIES)) {
            return firstDeliveries(c, s, 1, consumer, eventIds);
        } catch (SQLException e) {
            throw new EventStoreException("Writing to the inbox failed", e);
        }
    }

    /** Binds {@link #FIRST_DELIVERIES}' parameters from {@code first} on, runs it and returns the new ids. */
    static Set<UUID> firstDeliveries(Connection c, PreparedStatement s, int first, String consumer,
            Collection<UUID> eventIds) throws SQLException {
        s.setString(first, consumer);
        s.setArray(first + 1, c.createArrayOf("uuid", eventIds.toArray()));
        Set<UUID> fresh = new HashSet<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                fresh.add(rs.getObject(1, UUID.class));
            }
        }
        return fresh;
    }
}
