package com.cureka.appointments.adapters.postgres;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NamedSqlTest {
    @Test
    void named_parameters_become_positional_in_order_of_appearance_repeats_included() {
        var sql = NamedSql.of("SELECT * FROM t WHERE a = :first AND b = CAST(:second AS text) OR c = :first");

        assertThat(sql.positional()).isEqualTo("SELECT * FROM t WHERE a = ? AND b = CAST(? AS text) OR c = ?");
    }

    @Test
    void casts_and_quoted_text_are_left_as_they_are() {
        var sql = NamedSql.of("SELECT payload::text, ':not_a_parameter', x FROM t WHERE id = :id");

        assertThat(sql.positional()).isEqualTo("SELECT payload::text, ':not_a_parameter', x FROM t WHERE id = ?");
    }
}
