package io.berth.testsupport;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/** The database sessions that hold a named advisory lock, as tests of an election see and end them. */
public final class AdvisoryLockHolders {

    // A bigint advisory lock shows in pg_locks as its high and low 32 bits (classid, objid) with objsubid 1.
    private static final String HOLDERS = """
            select pid from pg_locks where locktype = 'advisory' and objsubid = 1 and granted
            and ((classid::bigint << 32) | objid::bigint) = hashtextextended(?, 0)""";

    private AdvisoryLockHolders() {
    }

    /**
     * Ends the session holding the lock named so, as the death of its process or the loss of its network would;
     * returns how many sessions it ended.
     */
    public static int terminate(DataSource dataSource, String name) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("select count(pg_terminate_backend(pid)) from ("
                        + HOLDERS + ") holders")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not end the holder of " + name, e);
        }
    }
}
