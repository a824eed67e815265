package com.cureka.appointments.adapters.postgres;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * Which failures mean "the database cannot be reached right now" rather than a bug: the client should hear
 * {@code 503 SERVICE_UNAVAILABLE} and retry, and the operator one WARN per outage, not a stack trace per request.
 */
public final class DatabaseOutage {
    /** Connection exceptions (class 08) and the server going away (57P01 admin, 57P02 crash, 57P03 cannot connect now). */
    private static final Set<String> SERVER_GONE = Set.of("57P01", "57P02", "57P03");

    /**
     * A transaction PostgreSQL aborted to break a deadlock (40P01) or a serialisation conflict (40001) that was still
     * failing after its retries: the database is too contended to answer now, and a retry later will do.
     */
    private static final Set<String> GAVE_UP_RETRYING = Set.of("40P01", "40001");

    private DatabaseOutage() {}

    /**
     * Whether the failure, or any of its causes, says the database is unreachable, has no connection to give, or
     * is too contended to finish the transaction: a client should retry later, nothing was written.
     */
    public static boolean isUnavailability(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || isServerGone(t) || gaveUpRetrying(t)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the server itself failed to answer (not merely a busy pool timing out): only this opens the
     * fail-fast circuit, so that a burst of load never turns into seconds of refusals.
     */
    static boolean isConnectionFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (isServerGone(t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean gaveUpRetrying(Throwable t) {
        return t instanceof SQLException e && GAVE_UP_RETRYING.contains(e.getSQLState());
    }

    private static boolean isServerGone(Throwable t) {
        if (!(t instanceof SQLException e) || e.getSQLState() == null) {
            return false;
        }
        return e.getSQLState().startsWith("08") || SERVER_GONE.contains(e.getSQLState());
    }
}
