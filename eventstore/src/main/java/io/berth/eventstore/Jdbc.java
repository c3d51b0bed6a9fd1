package io.berth.eventstore;

import java.sql.SQLException;

/** SQLSTATE codes the event store reacts to. */
final class Jdbc {

    static final String UNIQUE_VIOLATION = "23505";

    private Jdbc() {
    }

    static boolean isUniqueViolation(SQLException e, String constraint) {
        return UNIQUE_VIOLATION.equals(e.getSQLState())
                && (constraint == null || String.valueOf(e.getMessage()).contains(constraint));
    }
}
