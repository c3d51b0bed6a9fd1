package io.berth.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The owners' plain reads against the real database: parameters bound as the reads' statements need them. */
@QuarkusTest
class SqlReadsTest {

    @Inject
    SqlReads sql;

    @Inject
    DataSource dataSource;

    final String table = "sql_reads_" + UUID.randomUUID().toString().replace("-", "");
    final Instant now = Instant.parse("2026-12-07T19:00:00.123456Z");

    @BeforeEach
    void rows() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("create table " + table + " (name text primary key, at timestamptz)");
            s.execute("insert into " + table + " values ('a', '2026-12-07T18:00:00Z'), ('b', '2026-12-07T19:00:00Z'),"
                    + " ('c', null), ('ü \"quoted\"', '2026-12-07T19:00:00.123456Z')");
        }
    }

    @AfterEach
    void drop() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("drop table " + table);
        }
    }

    @Test
    void aCollectionIsBoundAsATextArrayAndAnInstantAsATimestampWithTimeZone() {
        assertThat(sql.list("select name from " + table + " where name = any(?) order by name",
                row -> row.getString(1), List.of("c", "a", "ü \"quoted\"", "nobody"))).containsExactly("a", "c",
                "ü \"quoted\"");
        // The bound keeps its microseconds: 'a', stamped at 18:00:00, is 0.123456 s before it.
        assertThat(sql.list("select name from " + table + " where at >= ? order by name", row -> row.getString(1),
                now.minus(Duration.ofHours(1)))).containsExactly("b", "ü \"quoted\"");
        assertThat(sql.list("select name from " + table + " where at >= ? order by name", row -> row.getString(1),
                now)).containsExactly("ü \"quoted\"");
        assertThat(sql.list("select at from " + table + " where name = ?",
                row -> row.getObject(1, OffsetDateTime.class).toInstant(), "ü \"quoted\"")).containsExactly(now);
        assertThat(sql.list("select name from " + table + " where name = any(?)", row -> row.getString(1),
                List.of())).isEmpty();
    }

    @Test
    void existsAnswersWhetherARowIsFound() {
        assertThat(sql.exists("select 1 from " + table + " where name = ? and at is null", "c")).isTrue();
        assertThat(sql.exists("select 1 from " + table + " where name = ? and at is null", "a")).isFalse();
    }

    @Test
    void aReadInATransactionSeesWhatTheTransactionWrote() {
        boolean seen = QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("insert into " + table + " values ('d', null)");
            }
            return sql.exists("select 1 from " + table + " where name = ?", "d");
        });

        assertThat(seen).isTrue();
    }

    @Test
    void aFailedStatementNamesItself() {
        assertThatThrownBy(() -> sql.list("select nothing from " + table, row -> row.getString(1)))
                .isInstanceOf(EventStoreException.class).hasMessageContaining("select nothing from " + table)
                .hasCauseInstanceOf(SQLException.class);
    }
}
