package com.cureka.appointments.domain.appointment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AppointmentNumberTest {
    private static final LocalDate DAY = LocalDate.of(2025, 9, 21);

    @Test
    void the_first_number_of_a_day_is_padded_to_four_digits() {
        assertThat(new AppointmentNumber("AID", DAY, 1).format()).isEqualTo("AID-20250921-0001");
    }

    @Test
    void the_day_is_written_as_eight_digits_as_iso_basic_dates_are() {
        for (var day :
                new LocalDate[] {LocalDate.of(2026, 1, 5), LocalDate.of(999, 12, 31), LocalDate.of(9999, 2, 28)}) {
            assertThat(new AppointmentNumber("CUR", day, 42).format())
                    .isEqualTo("CUR-" + day.format(DateTimeFormatter.BASIC_ISO_DATE) + "-0042");
        }
    }

    @Test
    void the_sequence_widens_past_9999_instead_of_wrapping() {
        assertThat(new AppointmentNumber("AID", DAY, 9999).format()).isEqualTo("AID-20250921-9999");
        assertThat(new AppointmentNumber("AID", DAY, 10000).format()).isEqualTo("AID-20250921-10000");
    }

    @Test
    void parsing_reads_back_what_formatting_wrote() {
        var number = new AppointmentNumber("AID", DAY, 12345);

        assertThat(AppointmentNumber.parse(number.format())).contains(number);
        assertThat(AppointmentNumber.parse("AID-20250921-0042")).contains(new AppointmentNumber("AID", DAY, 42));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "AID",
                "AID-2025092-0001",
                "AID-20250921-001",
                "aid-20250921-0001",
                "AID-20251332-0001",
                "AID-20250921-0000",
                "AID-20250921-00010000",
                "' OR 1=1--",
                "AID-20250921-0001; DROP TABLE appointments"
            })
    void malformed_numbers_are_not_numbers(String text) {
        assertThat(AppointmentNumber.parse(text)).isEmpty();
    }

    @Test
    void numbers_order_by_day_then_sequence() {
        assertThat(new AppointmentNumber("AID", DAY, 10000)).isGreaterThan(new AppointmentNumber("AID", DAY, 9999));
        assertThat(new AppointmentNumber("AID", DAY.plusDays(1), 1))
                .isGreaterThan(new AppointmentNumber("AID", DAY, 9999));
    }

    @Test
    void a_number_cannot_hold_an_invalid_value() {
        assertThatThrownBy(() -> new AppointmentNumber("AID", DAY, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AppointmentNumber("a-b", DAY, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
