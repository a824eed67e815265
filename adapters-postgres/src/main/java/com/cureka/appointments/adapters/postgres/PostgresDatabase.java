package com.cureka.appointments.adapters.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;

/**
 * The application's PostgreSQL: a connection pool, the schema brought up to date by Flyway, and the {@link Jdbi}
 * that the repositories share. Close it at shutdown.
 */
public final class PostgresDatabase implements AutoCloseable {
    public static final Duration DEFAULT_PROBE_TIMEOUT = Duration.ofSeconds(2);
    static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(1);

    private final HikariDataSource pool;
    private final Jdbi jdbi;

    private PostgresDatabase(HikariDataSource pool) {
        this.pool = pool;
        this.jdbi = Jdbi.create(new FailFastDataSource(pool, Clock.systemUTC())).installPlugin(new PostgresPlugin());
    }

    /**
     * Opens a pool of {@code poolSize} connections to the database at {@code jdbcUrl} and migrates its schema.
     * {@code user} and {@code password} may be null when the URL carries them. Fails when the database cannot be
     * reached or a migration fails.
     */
    public static PostgresDatabase start(String jdbcUrl, String user, String password, int poolSize) {
        var config = new HikariConfig();
        config.setPoolName("appointments");
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        // A request that cannot get a connection soon fails instead of queueing behind a stuck database: API.md
        // wants 503 SERVICE_UNAVAILABLE within 2 s; FailFastDataSource makes the requests after the first quicker.
        config.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        config.addDataSourceProperty("ApplicationName", "appointments");
        var pool = new HikariDataSource(config);
        try {
            // Flyway holds a lock on one connection while it migrates on another: it gets its own, not the pool's.
            migrate(Flyway.configure().dataSource(jdbcUrl, user, password));
            return new PostgresDatabase(pool);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /**
     * Applies the migrations in {@code db/migration} that the database lacks and says how many that was; safe to
     * run from many instances at once (Flyway takes a lock in the database).
     */
    public static int migrate(DataSource dataSource) {
        return migrate(Flyway.configure().dataSource(dataSource));
    }

    private static int migrate(FluentConfiguration flyway) {
        return flyway.locations("classpath:db/migration").load().migrate().migrationsExecuted;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public DataSource dataSource() {
        return pool;
    }

    /** Readiness: whether a {@code SELECT 1} answers within {@link #DEFAULT_PROBE_TIMEOUT}. */
    public boolean isReachable() {
        return isReachable(DEFAULT_PROBE_TIMEOUT);
    }

    /** Whether a {@code SELECT 1} answers within the timeout; never waits longer, whatever the pool is doing. */
    public boolean isReachable(Duration timeout) {
        // The pool may wait its whole connection timeout for a dead server, so the probe runs beside the caller.
        var probe = CompletableFuture.supplyAsync(
                () -> selectOne(timeout), command -> Thread.ofVirtual().start(command));
        try {
            return probe.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean selectOne(Duration timeout) {
        try (var connection = pool.getConnection();
                var statement = connection.createStatement()) {
            statement.setQueryTimeout((int) Math.max(1, timeout.toSeconds()));
            statement.execute("SELECT 1");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
