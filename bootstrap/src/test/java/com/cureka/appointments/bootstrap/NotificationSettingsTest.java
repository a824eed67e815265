package com.cureka.appointments.bootstrap;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NotificationSettingsTest {
    @Test
    void no_settings_mean_eml_files_in_data_mail_and_reminders_a_day_and_two_hours_ahead() {
        var n = Settings.from(Map.of()).notifications();

        assertThat(n.smtpUrl()).isNull();
        assertThat(n.mailDirectory()).isEqualTo("./data/mail");
        assertThat(n.mailFrom()).isEqualTo("appointments@localhost");
        assertThat(n.publicBaseUrl()).isNull();
        assertThat(n.reminderOffsets()).containsExactly(Duration.ofHours(24), Duration.ofHours(2));
        assertThat(n.manageLinkSecret()).isNull();
        assertThat(n.smtpTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void the_settings_of_a_clinic_are_read_as_given() {
        var n = Settings.from(Map.of(
                        "SMTP_URL", "smtps://clinic:secret@mail.example:465",
                        "MAIL_FROM", "appointments@clinic.example",
                        "PUBLIC_BASE_URL", "https://book.clinic.example",
                        "REMINDER_OFFSETS", "2d, 90m",
                        "MANAGE_LINK_SECRET", "a-manage-link-secret-of-32-bytes-or-more"))
                .notifications();

        assertThat(n.smtpUrl()).isEqualTo("smtps://clinic:secret@mail.example:465");
        assertThat(n.mailFrom()).isEqualTo("appointments@clinic.example");
        assertThat(n.publicBaseUrl()).isEqualTo("https://book.clinic.example");
        assertThat(n.reminderOffsets()).containsExactly(Duration.ofDays(2), Duration.ofMinutes(90));
        assertThat(Settings.from(Map.of("REMINDER_OFFSETS", "none"))
                        .notifications()
                        .reminderOffsets())
                .isEqualTo(List.of());
    }

    @Test
    void bad_values_stop_start_up_naming_the_setting_and_never_the_password() {
        assertThatThrownBy(() -> Settings.from(Map.of(
                        "SMTP_URL", "http://user:hunter2@mail.example",
                        "REMINDER_OFFSETS", "24x",
                        "MAIL_FROM", "not an address",
                        "MANAGE_LINK_SECRET", "short")))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("SMTP_URL")
                .hasMessageContaining("REMINDER_OFFSETS")
                .hasMessageContaining("MAIL_FROM")
                .hasMessageContaining("MANAGE_LINK_SECRET is too short")
                .message()
                .doesNotContain("hunter2");
    }

    @Test
    void the_manage_link_key_is_derived_from_the_jwt_secret_unless_given_and_differs_from_it() {
        var jwt = "0123456789abcdef0123456789abcdef";

        var derived = ManageLinkKey.of(null, jwt);

        assertThat(derived).hasSize(32).isNotEqualTo(jwt.getBytes());
        assertThat(ManageLinkKey.of(null, jwt)).isEqualTo(derived);
        assertThat(ManageLinkKey.of(null, jwt + "x")).isNotEqualTo(derived);
        assertThat(ManageLinkKey.of("given-secret-given-secret-given-secret", jwt))
                .isEqualTo("given-secret-given-secret-given-secret".getBytes());
    }
}
