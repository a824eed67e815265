package com.cureka.appointments.adapters.postgres;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A statement with {@code :named} parameters, turned into JDBC's positional ones once, then executed on a Jdbi handle's
 * connection with the values bound by name. For the statements every booking runs: Jdbi resolves an argument factory
 * for every bound value on every execution, which cost more CPU than the driver and the round trip together (JFR,
 * docs/performance.md). Failures come out as Jdbi's {@link UnableToExecuteStatementException}, as from Jdbi itself, so
 * that {@code PostgresErrors} and the outage mapping see no difference.
 */
final class NamedSql {
    private final String sql;
    private final List<String> names;

    private NamedSql(String sql, List<String> names) {
        this.sql = sql;
        this.names = names;
    }

    /**
     * Parses {@code :name} parameters; {@code ::type} casts and quoted text are left alone. Refuses what this small
     * parser would misread rather than bind the wrong values: comments, quoted identifiers, dollar quoting and
     * {@code ?} (a JSON operator, or a parameter of JDBC's own) outside quoted text.
     */
    static NamedSql of(String namedSql) {
        var sql = new StringBuilder(namedSql.length());
        var names = new ArrayList<String>();
        boolean quoted = false;
        for (int i = 0; i < namedSql.length(); i++) {
            char c = namedSql.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && unsupported(namedSql, i)) {
                throw new IllegalArgumentException(
                        "NamedSql cannot read '" + namedSql.substring(i, Math.min(i + 2, namedSql.length())) + "' at "
                                + i + ": write the statement without it, or run it through Jdbi");
            } else if (!quoted && c == ':' && i + 1 < namedSql.length() && namedSql.charAt(i + 1) == ':') {
                sql.append("::");
                i++;
                continue;
            } else if (!quoted
                    && c == ':'
                    && i + 1 < namedSql.length()
                    && Character.isJavaIdentifierStart(namedSql.charAt(i + 1))) {
                int end = i + 1;
                while (end < namedSql.length() && Character.isJavaIdentifierPart(namedSql.charAt(end))) {
                    end++;
                }
                names.add(namedSql.substring(i + 1, end));
                sql.append('?');
                i = end - 1;
                continue;
            }
            sql.append(c);
        }
        return new NamedSql(sql.toString(), List.copyOf(names));
    }

    private static boolean unsupported(String sql, int i) {
        char c = sql.charAt(i);
        char next = i + 1 < sql.length() ? sql.charAt(i + 1) : ' ';
        return c == '?' || c == '"' || c == '$' || (c == '-' && next == '-') || (c == '/' && next == '*');
    }

    /** The SQL as sent to the driver, for tests. */
    String positional() {
        return sql;
    }

    /** Reads one row, if any. Every parameter must have a value in {@code values} (null included). */
    <T> Optional<T> queryOne(Handle handle, Map<String, ?> values, Row<T> row) {
        try (PreparedStatement statement = handle.getConnection().prepareStatement(sql)) {
            bind(statement, values);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(row.read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
    }

    private void bind(PreparedStatement statement, Map<String, ?> values) throws SQLException {
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (!values.containsKey(name)) {
                throw new IllegalArgumentException("no value for :" + name);
            }
            Object value = values.get(name);
            if (value instanceof String[] texts) {
                statement.setArray(i + 1, statement.getConnection().createArrayOf("text", texts));
            } else {
                statement.setObject(i + 1, value);
            }
        }
    }

    @FunctionalInterface
    interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }
}
