package com.cureka.appointments.adapters.postgres;

import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.postgresql.PGStatement;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Sends a statement unnamed, so that PostgreSQL plans it at every execution for the table as it is then. The driver
 * otherwise prepares a statement on the server from its fifth use, and the server may keep one generic plan for the
 * connection's life: for a queue claim first run on an empty table, a plan that reads the whole backlog per claim once
 * one builds up. For the claims only, where a plan costs a fraction of a millisecond against a batch of work.
 */
final class PlannedEachTime implements StatementCustomizer {
    static final PlannedEachTime INSTANCE = new PlannedEachTime();

    private PlannedEachTime() {}

    @Override
    public void beforeExecution(PreparedStatement statement, StatementContext ctx) throws SQLException {
        statement.unwrap(PGStatement.class).setPrepareThreshold(0);
    }
}
