package io.berth.eventstore;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Processed event ids per consumer, written in the same transaction as the consumer's effect: a
 * redelivered event finds its id and changes nothing.
 */
@ApplicationScoped
public class Inbox {

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
}
