package com.cureka.appointments.testkit.postgres;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestPostgresTest {

    @Test
    void every_fresh_database_is_a_new_empty_one_of_its_own() throws SQLException {
        var first = TestPostgres.freshDatabase();
        var second = TestPostgres.freshDatabase();

        assertThat(first.name()).isNotEqualTo(second.name());
        try (var c = first.dataSource().getConnection();
                var s = c.createStatement()) {
            s.execute("CREATE TABLE only_in_first (id int)");
            var rs = s.executeQuery("SELECT current_database()");
            rs.next();
            assertThat(rs.getString(1)).isEqualTo(first.name());
        }
        try (var c = second.dataSource().getConnection();
                var s = c.createStatement()) {
            var rs = s.executeQuery("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'");
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }

    @Test
    void the_database_name_in_a_url_is_swapped_and_host_port_and_parameters_are_kept() {
        assertThat(TestPostgres.withDatabase("jdbc:postgresql://127.0.0.1:5432/test", "t1"))
                .isEqualTo("jdbc:postgresql://127.0.0.1:5432/t1");
        assertThat(TestPostgres.withDatabase("jdbc:postgresql://db:6543/app?user=me&sslmode=disable", "t1"))
                .isEqualTo("jdbc:postgresql://db:6543/t1?user=me&sslmode=disable");
        assertThat(TestPostgres.withDatabase("jdbc:postgresql://db?user=me", "t1"))
                .isEqualTo("jdbc:postgresql://db/t1?user=me");
        assertThat(TestPostgres.withDatabase("jdbc:postgresql://a:1,b:2/", "t1"))
                .isEqualTo("jdbc:postgresql://a:1,b:2/t1");
    }

    @Test
    void a_url_that_is_not_a_postgresql_one_is_refused_with_the_variable_named() {
        assertThatThrownBy(() -> TestPostgres.withDatabase("postgres://127.0.0.1/test", "t1"))
                .hasMessageContaining(TestPostgres.URL_VARIABLE);
    }
}
