package io.berth.eventstore;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Elects one leader among the replicas of a service for a piece of periodic work: the holder of a session-scoped
 * {@link AdvisoryLock} on a connection of its own. A replica asks {@link #leads()} before each step of the work;
 * a follower tries to take the lock each time it asks, so when the leader's connection ends (its process died,
 * or it closed the election on shutdown) a follower leads from its next question on. A leader whose connection
 * is gone stops leading at its next question, before the database could have let another take over.
 *
 * <p>The connection is its own, not the pool's: a session lock lives as long as its session, so it must neither
 * go back to a pool still holding the lock nor be cut short by one. Not for use inside a transaction.
 */
public final class LeaderElection implements AutoCloseable {

    /** Opens the connection the lock is held on. */
    @FunctionalInterface
    public interface Connector {
        Connection open() throws SQLException;
    }

    private static final Logger LOG = Logger.getLogger(LeaderElection.class);
    /** How long a question may wait for the database before the leader counts its connection as lost. */
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(5);

    private final AdvisoryLock lock;
    private final Connector connector;
    private Connection connection;
    private boolean leading;

    public LeaderElection(AdvisoryLock lock, Connector connector) {
        this.lock = lock;
        this.connector = connector;
    }

    /** Whether this replica leads now: it keeps the lead while its connection lives, else tries to take it. */
    public synchronized boolean leads() {
        try {
            if (connection != null && !connection.isValid((int) CHECK_TIMEOUT.toSeconds())) {
                lose("its connection to the database is gone");
            }
            if (connection == null) {
                connection = connector.open();
            }
            if (!leading && lock.tryForSession(connection)) {
                leading = true;
                LOG.infof("This replica leads %s", lock.name());
            }
        } catch (SQLException e) {
            lose("the database did not answer: " + e.getMessage());
        }
        return leading;
    }

    /** Gives the lead up at once, so another replica takes it at its next question rather than after a timeout. */
    @Override
    public synchronized void close() {
        if (connection == null) {
            return;
        }
        try {
            if (leading) {
                lock.releaseForSession(connection);
            }
        } catch (SQLException e) {
            LOG.debugf("Releasing %s failed, closing its connection ends it: %s", lock.name(), e.getMessage());
        }
        leading = false;
        closeConnection();
    }

    private void lose(String why) {
        if (leading) {
            LOG.warnf("This replica no longer leads %s: %s", lock.name(), why);
        }
        leading = false;
        closeConnection();
    }

    private void closeConnection() {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.debugf("Closing the connection of %s failed: %s", lock.name(), e.getMessage());
        }
        connection = null;
    }
}
