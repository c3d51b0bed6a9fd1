package io.berth.eventstore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A PostgreSQL advisory lock named by text: how the replicas of a service agree on who does a piece of work, or
 * keep one piece of work out of another's way. The name is hashed by the database ({@code hashtextextended}), so
 * every holder derives the same key from it.
 *
 * <p>A transaction-scoped lock ends with its transaction, so it fences exactly the work done in it (the outbox
 * relay's batch). A session-scoped lock lasts until it is released or its connection ends, whichever is first:
 * the database releases it when the holder's process dies ({@link LeaderElection}).
 */
public record AdvisoryLock(String name) {

    /** Takes the lock until the connection's transaction ends, if no one holds it. */
    public boolean tryForTransaction(Connection connection) throws SQLException {
        return ask(connection, "select pg_try_advisory_xact_lock(hashtextextended(?, 0))");
    }

    /**
     * Waits for the lock and holds it until the connection's transaction ends: work that reads what it is about to
     * add to (a quota, say) takes turns with every other transaction that does the same.
     */
    public void lockForTransaction(Connection connection) throws SQLException {
        take(connection, "select pg_advisory_xact_lock(hashtextextended(?, 0))");
    }

    /** Takes the lock until it is released or the connection ends, if no other session holds it. */
    public boolean tryForSession(Connection connection) throws SQLException {
        return ask(connection, "select pg_try_advisory_lock(hashtextextended(?, 0))");
    }

    /** Waits for the lock and holds it until it is released or the connection ends. */
    public void lockForSession(Connection connection) throws SQLException {
        take(connection, "select pg_advisory_lock(hashtextextended(?, 0))");
    }

    /**
     * Waits until no session holds the lock exclusively and shares it until the connection's transaction ends: many
     * writers share it, while one {@link #lockForSession} holder keeps them all out.
     */
    public void shareForTransaction(Connection connection) throws SQLException {
        take(connection, "select pg_advisory_xact_lock_shared(hashtextextended(?, 0))");
    }

    /** Releases a lock taken for the session; false if this session did not hold it. */
    public boolean releaseForSession(Connection connection) throws SQLException {
        return ask(connection, "select pg_advisory_unlock(hashtextextended(?, 0))");
    }

    private void take(Connection connection, String sql) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.setString(1, name);
            s.execute();
        }
    }

    private boolean ask(Connection connection, String sql) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
