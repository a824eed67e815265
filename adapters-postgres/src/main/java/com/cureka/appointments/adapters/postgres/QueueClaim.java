package com.cureka.appointments.adapters.postgres;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.postgresql.PGStatement;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * How a queue claim (webhook deliveries, outbox) is run so that it costs its LIMIT, not the backlog, whatever the
 * planner believes about the table (V12; docs/webhooks.md, "Claims and the planner"):
 *
 * <ul>
 *   <li>sort and bitmap scans are off for the claim's transaction, so the plans left walk the due index in the claim's
 *       order and stop at the LIMIT, rather than collect and sort every due row, which the planner prefers when its
 *       statistics lag behind a sudden backlog;
 *   <li>the statement is sent unnamed, so that it is planned for the table as it is at each claim. The driver
 *       otherwise prepares a statement on the server from its fifth use, and the server may keep one generic plan for
 *       the connection's life: for a claim first run on an empty table, one that reads the whole backlog per claim.
 * </ul>
 *
 * Must run inside a transaction (the settings are local to it).
 */
final class QueueClaim {
    static final String IN_CLAIM_ORDER =
            "SELECT set_config('enable_sort', 'off', true), set_config('enable_bitmapscan', 'off', true)";

    private static final StatementCustomizer PLANNED_EACH_TIME = new StatementCustomizer() {
        @Override
        public void beforeExecution(PreparedStatement statement, StatementContext ctx) throws SQLException {
            statement.unwrap(PGStatement.class).setPrepareThreshold(0);
        }
    };

    private QueueClaim() {}

    static Query query(Handle transaction, String sql) {
        transaction.execute(IN_CLAIM_ORDER);
        return transaction.createQuery(sql).addCustomizer(PLANNED_EACH_TIME);
    }
}
