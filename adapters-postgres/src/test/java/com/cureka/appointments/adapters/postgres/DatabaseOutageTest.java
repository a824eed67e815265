package com.cureka.appointments.adapters.postgres;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.cureka.appointments.testkit.postgres.TestPostgres;
import com.cureka.appointments.testkit.time.MutableClock;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.PrintWriter;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/** A database that cannot be reached is an outage (503, one WARN), found fast, and its end is noticed. */
class DatabaseOutageTest {
    private final ListAppender<ILoggingEvent> events = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(FailFastDataSource.class);

    @BeforeEach
    void capture() {
        events.start();
        logger.addAppender(events);
    }

    @AfterEach
    void release() {
        logger.detachAppender(events);
    }

    /** A port on this machine where no server listens, so the driver's own connection error is real. */
    private static String nowhere() throws Exception {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        return "jdbc:postgresql://127.0.0.1:" + port + "/appointments?connectTimeout=1";
    }

    private static long warnings(ListAppender<ILoggingEvent> events) {
        return events.list.stream().filter(e -> e.getLevel() == Level.WARN).count();
    }

    @Test
    void a_server_that_is_down_is_unavailability_and_after_the_first_timeout_every_request_fails_at_once()
            throws Exception {
        var config = new HikariConfig();
        config.setJdbcUrl(nowhere());
        config.setConnectionTimeout(PostgresDatabase.CONNECTION_TIMEOUT.toMillis());
        config.setInitializationFailTimeout(-1);
        try (var pool = new HikariDataSource(config)) {
            var source = new FailFastDataSource(pool, Clock.systemUTC());

            long started = System.nanoTime();
            var first = catchThrowable(source::getConnection);
            var firstTook = Duration.ofNanos(System.nanoTime() - started);
            started = System.nanoTime();
            var second = catchThrowable(source::getConnection);
            var secondTook = Duration.ofNanos(System.nanoTime() - started);

            assertThat(DatabaseOutage.isUnavailability(first)).as("%s", first).isTrue();
            assertThat(DatabaseOutage.isUnavailability(second)).isTrue();
            assertThat(firstTook).isLessThan(Duration.ofSeconds(2));
            assertThat(secondTook).isLessThan(Duration.ofMillis(100));
            assertThat(warnings(events)).isOne();
        }
    }

    @Test
    void once_the_window_has_passed_one_try_goes_through_and_the_end_of_the_outage_is_logged_once() throws Exception {
        var database = TestPostgres.freshDatabase();
        var down = new AtomicBoolean(true);
        var tries = new AtomicInteger();
        String unreachable = nowhere();
        DataSource flaky = new ConnectingDataSource(() -> {
            tries.incrementAndGet();
            return down.get()
                    ? DriverManager.getConnection(unreachable)
                    : DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
        });
        var clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
        var source = new FailFastDataSource(flaky, clock);

        assertThatThrownBy(source::getConnection).isInstanceOf(SQLException.class);
        down.set(false);
        assertThatThrownBy(source::getConnection).hasMessageContaining("failing fast");
        assertThat(tries).hasValue(1);

        clock.advance(FailFastDataSource.OPEN_FOR);
        try (var connection = source.getConnection()) {
            assertThat(connection.isValid(1)).isTrue();
        }
        try (var again = source.getConnection()) {
            assertThat(again.isValid(1)).isTrue();
        }

        assertThat(tries).hasValue(3);
        assertThat(events.list)
                .extracting(ILoggingEvent::getFormattedMessage)
                .satisfiesExactly(
                        began -> assertThat(began).contains("cannot be reached"),
                        ended -> assertThat(ended).contains("answers again"));
    }

    @Test
    void a_connection_the_server_terminates_is_unavailability_and_a_constraint_violation_is_not() throws Exception {
        var database = TestPostgres.freshDatabase();
        try (var victim = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
                var admin = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password())) {
            int pid;
            try (var statement = victim.createStatement();
                    var rs = statement.executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                pid = rs.getInt(1);
            }
            try (var statement = admin.createStatement()) {
                statement.execute("SELECT pg_terminate_backend(" + pid + ")");
                statement.execute("CREATE TABLE t (id int PRIMARY KEY)");
                statement.execute("INSERT INTO t VALUES (1)");
            }

            var terminated = catchThrowable(() -> victim.createStatement().execute("SELECT 1"));
            var duplicate = catchThrowable(() -> admin.createStatement().execute("INSERT INTO t VALUES (1)"));

            assertThat(DatabaseOutage.isUnavailability(new IllegalStateException(terminated)))
                    .as("%s", terminated)
                    .isTrue();
            assertThat(DatabaseOutage.isUnavailability(duplicate))
                    .as("%s", duplicate)
                    .isFalse();
        }
    }

    @Test
    void a_deadlock_still_failing_after_its_retries_is_unavailability_not_a_bug() throws Exception {
        var database = TestPostgres.freshDatabase();
        try (var first = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
                var second = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password())) {
            first.createStatement().execute("CREATE TABLE t (id int PRIMARY KEY); INSERT INTO t VALUES (1), (2)");
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            first.createStatement().execute("UPDATE t SET id = id WHERE id = 1");
            second.createStatement().execute("UPDATE t SET id = id WHERE id = 2");

            // Each now waits for the row the other holds; PostgreSQL aborts one of them.
            var failures = Simultaneously.run(List.<Callable<Throwable>>of(
                    () -> catchThrowable(() -> first.createStatement().execute("UPDATE t SET id = id WHERE id = 2")),
                    () -> catchThrowable(() -> second.createStatement().execute("UPDATE t SET id = id WHERE id = 1"))));
            first.rollback();
            second.rollback();

            var deadlock =
                    failures.stream().filter(Objects::nonNull).findFirst().orElseThrow();
            assertThat(PostgresErrors.is(deadlock, PostgresErrors.DEADLOCK_DETECTED))
                    .as("%s", deadlock)
                    .isTrue();
            assertThat(DatabaseOutage.isUnavailability(deadlock)).isTrue();
            assertThat(DatabaseOutage.isConnectionFailure(deadlock))
                    .as("contention never opens the fail-fast circuit")
                    .isFalse();
        }
    }

    /** A data source that opens a new driver connection per call, as the test says. */
    private record ConnectingDataSource(Opener opener) implements DataSource {
        interface Opener {
            Connection open() throws SQLException;
        }

        public Connection getConnection() throws SQLException {
            return opener.open();
        }

        public Connection getConnection(String user, String password) throws SQLException {
            return opener.open();
        }

        public PrintWriter getLogWriter() {
            return null;
        }

        public void setLogWriter(PrintWriter out) {}

        public void setLoginTimeout(int seconds) {}

        public int getLoginTimeout() {
            return 0;
        }

        public java.util.logging.Logger getParentLogger() {
            return java.util.logging.Logger.getGlobal();
        }

        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
