package com.cureka.appointments.adapters.postgres;

import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.sql.SQLException;
import java.util.Optional;

/** What PostgreSQL said when a statement failed: its SQLState and, for constraint violations, the constraint's name. */
final class PostgresErrors {
    static final String EXCLUSION_VIOLATION = "23P01";
    static final String FOREIGN_KEY_VIOLATION = "23503";
    static final String UNIQUE_VIOLATION = "23505";
    static final String DEADLOCK_DETECTED = "40P01";
    static final String UNDEFINED_TABLE = "42P01";
    static final String DUPLICATE_TABLE = "42P07";

    private PostgresErrors() {}

    static Optional<String> sqlState(Throwable failure) {
        return sqlException(failure).map(SQLException::getSQLState);
    }

    static boolean is(Throwable failure, String sqlState) {
        return sqlState(failure).filter(sqlState::equals).isPresent();
    }

    static Optional<String> constraint(Throwable failure) {
        return sqlException(failure)
                .filter(PSQLException.class::isInstance)
                .map(e -> ((PSQLException) e).getServerErrorMessage())
                .map(ServerErrorMessage::getConstraint);
    }

    private static Optional<SQLException> sqlException(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException e) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
