package io.berth.gateway.requestlog;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/** The gateway's one durable record: every request it answered, for auditing and debugging. */
@ApplicationScoped
public class RequestLog {

    private static final Logger LOG = Logger.getLogger(RequestLog.class);

    private final DataSource dataSource;

    public RequestLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public record Entry(UUID requestId, Instant receivedAt, String protocol, String operation, String account,
            String region, int status, String errorCode, long durationMillis) {
    }

    /** Records one request; a failure to record is logged, never turned into a failed request. */
    public void record(Entry entry) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "insert into gateway_request_log values (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setObject(1, entry.requestId());
            s.setTimestamp(2, Timestamp.from(entry.receivedAt()));
            s.setString(3, entry.protocol());
            s.setString(4, truncate(entry.operation()));
            s.setString(5, entry.account());
            s.setString(6, entry.region());
            s.setInt(7, entry.status());
            s.setString(8, entry.errorCode());
            s.setInt(9, (int) Math.min(Integer.MAX_VALUE, entry.durationMillis()));
            s.executeUpdate();
        } catch (SQLException e) {
            LOG.warnf("Request %s was not logged: %s", entry.requestId(), e.getMessage());
        }
    }

    private static String truncate(String operation) {
        return operation.length() > 128 ? operation.substring(0, 128) : operation;
    }
}
