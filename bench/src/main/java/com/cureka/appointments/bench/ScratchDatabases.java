package com.cureka.appointments.bench;

import org.postgresql.ds.PGSimpleDataSource;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * Fresh databases on the benchmark's PostgreSQL server, one per purpose and run ({@code bench_<run>_<purpose>}),
 * created from the database named in {@code --database-url} and dropped at the end unless kept.
 */
final class ScratchDatabases implements AutoCloseable {
    private final String adminUrl;
    private final String user;
    private final String password;
    private final String runId;
    private final boolean keep;
    private final List<String> created = new ArrayList<>();

    ScratchDatabases(String adminUrl, String user, String password, String runId, boolean keep) {
        this.adminUrl = adminUrl;
        this.user = user;
        this.password = password;
        this.runId = runId;
        this.keep = keep;
    }

    /** Creates {@code bench_<run>_<purpose>} and answers its JDBC URL. */
    String create(String purpose) {
        String name = "bench_" + runId + "_" + purpose;
        execute("CREATE DATABASE " + name);
        created.add(name);
        return urlOf(name);
    }

    String urlOf(String database) {
        // jdbc:postgresql://host:port/db?params → the same with another db
        String rest = adminUrl.substring("jdbc:".length());
        var uri = URI.create(rest);
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return "jdbc:postgresql://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + "/" + database
                + query;
    }

    String host() {
        return URI.create(adminUrl.substring("jdbc:".length())).getHost();
    }

    int port() {
        int port = URI.create(adminUrl.substring("jdbc:".length())).getPort();
        return port < 0 ? 5432 : port;
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    DataSource dataSource(String url) {
        var source = new PGSimpleDataSource();
        source.setUrl(url);
        source.setUser(user);
        if (password != null) {
            source.setPassword(password);
        }
        return source;
    }

    Connection connect(String url) throws SQLException {
        var properties = new Properties();
        properties.setProperty("user", user);
        if (password != null) {
            properties.setProperty("password", password);
        }
        return DriverManager.getConnection(url, properties);
    }

    /** One statement on the admin database (CREATE / DROP DATABASE cannot run in a transaction). */
    void execute(String sql) {
        try (var connection = connect(adminUrl);
                var statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** A setting of the server, e.g. {@code fsync}. */
    String show(String setting) {
        try (var connection = connect(adminUrl);
                var statement = connection.createStatement();
                var rs = statement.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            return "?";
        }
    }

    String serverVersion() {
        try (var connection = connect(adminUrl);
                var statement = connection.createStatement();
                var rs = statement.executeQuery("SELECT version()")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            return "?";
        }
    }

    void drop(String url) {
        String name = url.substring(url.lastIndexOf('/') + 1).replaceAll("\\?.*", "");
        if (created.remove(name)) {
            dropQuietly(name);
        }
    }

    private void dropQuietly(String name) {
        try {
            execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (RuntimeException e) {
            System.err.println("could not drop " + name + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        if (keep) {
            created.forEach(name -> System.out.println("kept database " + name));
            return;
        }
        new ArrayList<>(created).forEach(this::dropQuietly);
        created.clear();
    }
}
