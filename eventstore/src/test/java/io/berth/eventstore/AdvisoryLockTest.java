package io.berth.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The forms of the advisory lock against the real database, each on a session of its own. */
@QuarkusTest
class AdvisoryLockTest {

    /** PostgreSQL's lock_not_available: a wait for a lock outlasted lock_timeout. */
    static final String LOCK_NOT_AVAILABLE = "55P03";

    @Inject
    DataSource dataSource;

    final AdvisoryLock lock = new AdvisoryLock("test.lock." + UUID.randomUUID());

    /** A session whose statements run in one transaction until it commits or rolls back. */
    Connection transactional() throws SQLException {
        Connection connection = dataSource.getConnection();
        connection.setAutoCommit(false);
        return connection;
    }

    /** Shares the lock in the connection's transaction, giving up after a short wait instead of waiting forever. */
    void shareImpatiently(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("set local lock_timeout = '200ms'");
        }
        lock.shareForTransaction(connection);
    }

    @Test
    void sharersDoNotExcludeEachOtherButTheExclusiveHolderKeepsThemOutUntilItReleases() throws SQLException {
        try (Connection writer = transactional(); Connection otherWriter = transactional();
                Connection collector = dataSource.getConnection()) {
            lock.shareForTransaction(writer);
            lock.shareForTransaction(otherWriter);
            assertThat(lock.tryForSession(collector)).isFalse();
            writer.rollback();
            otherWriter.rollback();

            lock.lockForSession(collector);
            assertThatThrownBy(() -> shareImpatiently(writer)).isInstanceOfSatisfying(SQLException.class,
                    e -> assertThat(e.getSQLState()).isEqualTo(LOCK_NOT_AVAILABLE));
            writer.rollback();
            assertThat(lock.releaseForSession(collector)).isTrue();
            lock.shareForTransaction(writer);
            writer.rollback();
        }
    }

    @Test
    void aTransactionsLockEndsWithItsTransaction() throws SQLException {
        try (Connection relay = transactional(); Connection otherRelay = transactional()) {
            assertThat(lock.tryForTransaction(relay)).isTrue();
            assertThat(lock.tryForTransaction(otherRelay)).isFalse();
            relay.commit();
            assertThat(lock.tryForTransaction(otherRelay)).isTrue();
            otherRelay.rollback();
        }
    }

    @Test
    void aTransactionWaitsForTheLockUntilTheHoldersTransactionEnds() throws SQLException {
        try (Connection holder = transactional(); Connection waiter = transactional()) {
            lock.lockForTransaction(holder);
            try (Statement s = waiter.createStatement()) {
                s.execute("set local lock_timeout = '200ms'");
            }
            assertThatThrownBy(() -> lock.lockForTransaction(waiter)).isInstanceOfSatisfying(SQLException.class,
                    e -> assertThat(e.getSQLState()).isEqualTo(LOCK_NOT_AVAILABLE));
            waiter.rollback();
            holder.commit();
            lock.lockForTransaction(waiter);
            assertThat(lock.tryForTransaction(holder)).isFalse();
            waiter.rollback();
        }
    }
}
