package com.cureka.appointments.adapters.postgres;

import org.jdbi.v3.core.Jdbi;

import java.util.Map;
import java.util.Objects;

/**
 * Deletes the rows of a table that match a condition, at most {@code batch} per statement, until a statement deletes
 * fewer. Each statement commits on its own, so that a large purge never holds many row locks, or one long
 * transaction, while requests write to the same table.
 */
final class BatchedPurge {
    private final Jdbi jdbi;
    private final String sql;
    private final int batch;

    /**
     * @param table a table name of our schema, never user input
     * @param condition the WHERE condition of the rows to delete, with named parameters that {@link #purge} binds
     */
    BatchedPurge(Jdbi jdbi, String table, String condition, int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("a batch holds at least one row, not " + batch);
        }
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        // DELETE has no LIMIT in PostgreSQL: the batch is chosen by physical row id.
        this.sql = "DELETE FROM %1$s WHERE ctid IN (SELECT ctid FROM %1$s WHERE %2$s LIMIT :batch)"
                .formatted(table, condition);
        this.batch = batch;
    }

    /** Deletes every row that matches the condition with these arguments; answers how many. */
    int purge(Map<String, ?> arguments) {
        int purged = 0;
        int deleted;
        do {
            deleted = jdbi.withHandle(h ->
                    h.createUpdate(sql).bindMap(arguments).bind("batch", batch).execute());
            purged += deleted;
        } while (deleted == batch);
        return purged;
    }
}
