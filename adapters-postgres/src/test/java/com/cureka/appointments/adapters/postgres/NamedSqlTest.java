package com.cureka.appointments.adapters.postgres;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @ParameterizedTest
    @ValueSource(
            strings = {
                "SELECT 1 -- :not_a_parameter",
                "SELECT 1 /* :x */",
                "SELECT \"a:b\" FROM t",
                "SELECT $$:x$$",
                "SELECT payload ? 'key' FROM t WHERE id = :id"
            })
    void what_the_parser_would_misread_is_refused(String statement) {
        assertThatThrownBy(() -> NamedSql.of(statement))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NamedSql cannot read");
    }

    @Test
    void the_same_characters_inside_quoted_text_are_text() {
        var sql = NamedSql.of("SELECT '-- ? \" $', x FROM t WHERE id = :id");

        assertThat(sql.positional()).isEqualTo("SELECT '-- ? \" $', x FROM t WHERE id = ?");
    }
}
