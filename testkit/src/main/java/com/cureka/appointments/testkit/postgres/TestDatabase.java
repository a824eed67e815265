package com.cureka.appointments.testkit.postgres;

import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;

/** One empty database of its own for a test class: where it is and who may log in ({@code user} may be null: the URL says). */
public record TestDatabase(String name, String jdbcUrl, String user, String password) {

    /** An unpooled data source, enough for a test; adapters under test build their own pool from the URL. */
    public DataSource dataSource() {
        var ds = new PGSimpleDataSource();
        ds.setURL(jdbcUrl);
        if (user != null) {
            ds.setUser(user);
        }
        if (password != null) {
            ds.setPassword(password);
        }
        return ds;
    }
}
