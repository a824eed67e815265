package com.cureka.appointments.adapters.postgres;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;

/**
 * The pool as the repositories see it, with a memory: once the database failed to give a connection, every
 * request in the next {@link #OPEN_FOR} is refused at once instead of waiting out the pool's timeout, and then
 * one try goes through again. Logs one WARN when an outage begins and one when it ends.
 */
final class FailFastDataSource implements DataSource {
    static final Duration OPEN_FOR = Duration.ofMillis(1500);
    private static final Logger LOG = LoggerFactory.getLogger(FailFastDataSource.class);

    private final DataSource pool;
    private final Clock clock;
    /** When the current outage was last seen, or null while the database answers. */
    private final AtomicReference<Instant> lastFailure = new AtomicReference<>();

    private final AtomicReference<Instant> outageBegan = new AtomicReference<>();

    FailFastDataSource(DataSource pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    @Override
    public Connection getConnection() throws SQLException {
        var failed = lastFailure.get();
        if (failed != null && clock.instant().isBefore(failed.plus(OPEN_FOR))) {
            throw new SQLTransientConnectionException(
                    "The database could not be reached moments ago; failing fast", "08001");
        }
        try {
            var connection = pool.getConnection();
            recovered();
            return connection;
        } catch (SQLException e) {
            if (DatabaseOutage.isConnectionFailure(e)) {
                failed(e);
            }
            throw e;
        }
    }

    private void failed(SQLException e) {
        var now = clock.instant();
        lastFailure.set(now);
        if (outageBegan.compareAndSet(null, now)) {
            LOG.warn(
                    "The database cannot be reached ({}); answering 503 SERVICE_UNAVAILABLE, failing fast for {} ms"
                            + " between tries, until it answers again",
                    rootMessage(e),
                    OPEN_FOR.toMillis());
        }
    }

    private void recovered() {
        if (lastFailure.get() == null) {
            return;
        }
        lastFailure.set(null);
        var began = outageBegan.getAndSet(null);
        if (began != null) {
            LOG.warn(
                    "The database answers again after {} ms of outage",
                    Duration.between(began, clock.instant()).toMillis());
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the pool has one user");
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public java.util.logging.Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return pool.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(pool) ? type.cast(pool) : pool.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(pool) || pool.isWrapperFor(type);
    }
}
