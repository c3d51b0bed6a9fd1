package io.berth.eventstore;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.sql.DataSource;

/**
 * A read of a service's own tables in one plain SQL statement, for the API's reads that answer a few
 * columns of many rows: an entity query hydrates, and its session tracks, every column of every row
 * for an answer that holds none of them (ADR 0086). The statement runs in the caller's transaction
 * when there is one and otherwise on its own, reading what is committed, as an entity read would.
 */
@ApplicationScoped
public class SqlReads {

    /** What one row of the result gives. */
    @FunctionalInterface
    public interface Row<T> {
        T read(ResultSet row) throws SQLException;
    }

    private final DataSource dataSource;

    public SqlReads(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * The rows of {@code sql}, in its order. A parameter that is a collection of strings is bound as a
     * {@code text[]} (for {@code = any(?)}), an {@link Instant} as a {@code timestamptz}.
     */
    public <T> List<T> list(String sql, Row<T> row, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, bindable(connection, parameters[i]));
            }
            List<T> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(row.read(result));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new EventStoreException("Read failed: " + sql, e);
        }
    }

    /** Whether {@code sql} finds a row. */
    public boolean exists(String sql, Object... parameters) {
        return !list(sql, row -> Boolean.TRUE, parameters).isEmpty();
    }

    private static Object bindable(Connection connection, Object parameter) throws SQLException {
        if (parameter instanceof Instant instant) {
            return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
        }
        if (parameter instanceof Collection<?> values) {
            return connection.createArrayOf("text", values.toArray());
        }
        return parameter;
    }
}
