package com.cureka.appointments.bootstrap;

import com.cureka.appointments.application.port.availability.RateLimit;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsTest {
    private static final String SECRET = "0123456789abcdef0123456789abcdef";

    @Test
    void no_settings_at_all_mean_the_embedded_defaults_of_the_contract() {
        var settings = Settings.from(Map.of());

        assertThat(settings.port()).isEqualTo(7070);
        assertThat(settings.database().embedded()).isTrue();
        assertThat(settings.database().embeddedDirectory()).isEqualTo("./data/postgres");
        assertThat(settings.redisUrl()).isNull();
        assertThat(settings.jwt().secret()).isNull();
        assertThat(settings.jwt().issuer()).isEqualTo("cureka");
        assertThat(settings.jwt().audience()).isEqualTo("appointments-api");
        assertThat(settings.calCom().connected()).isFalse();
        assertThat(settings.calCom().baseUrl()).isEqualTo("https://api.cal.com/v2");
        assertThat(settings.booking()).isEqualTo(new Settings.Booking(60, 1, 10, 30));
        assertThat(settings.appointmentNumberPrefix()).isEqualTo("AID");
        assertThat(settings.appointmentNumberZone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(settings.bookingRateLimit()).isEqualTo(RateLimit.perMinute(5));
        assertThat(settings.calendarTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.demoData()).isTrue();
    }

    @Test
    void webhooks_are_guarded_by_default_with_four_workers_and_say_what_is_wrong_with_a_bad_value() {
        assertThat(Settings.from(Map.of()).webhooks()).isEqualTo(new Settings.Webhooks(false, 4));
        assertThat(Settings.from(Map.of("WEBHOOK_ALLOW_PRIVATE_URLS", "true", "WEBHOOK_WORKERS", "9"))
                        .webhooks())
                .isEqualTo(new Settings.Webhooks(true, 9));

        assertThatThrownBy(() -> Settings.from(Map.of("WEBHOOK_ALLOW_PRIVATE_URLS", "maybe", "WEBHOOK_WORKERS", "0")))
                .isInstanceOfSatisfying(
                        SettingsException.class,
                        e -> assertThat(e.problems())
                                .containsExactlyInAnyOrder(
                                        "Setting WEBHOOK_ALLOW_PRIVATE_URLS has a bad value 'maybe': expected true or false.",
                                        "Setting WEBHOOK_WORKERS has a bad value '0': expected a whole number from 1 to 64."));
    }

    @Test
    void reconcile_runs_every_15_minutes_settling_holds_a_minute_past_the_calendar_timeout_unless_told_otherwise() {
        assertThat(Settings.from(Map.of()).reconcile())
                .isEqualTo(new Settings.Reconcile(Duration.ofMinutes(15), Duration.ofMinutes(1)));
        assertThat(Settings.from(Map.of("RECONCILE_INTERVAL_SECONDS", "2", "RECONCILE_MARGIN_SECONDS", "0"))
                        .reconcile())
                .isEqualTo(new Settings.Reconcile(Duration.ofSeconds(2), Duration.ZERO));

        assertThatThrownBy(() ->
                        Settings.from(Map.of("RECONCILE_INTERVAL_SECONDS", "0", "RECONCILE_MARGIN_SECONDS", "-1")))
                .isInstanceOfSatisfying(
                        SettingsException.class,
                        e -> assertThat(e.problems())
                                .containsExactlyInAnyOrder(
                                        "Setting RECONCILE_INTERVAL_SECONDS has a bad value '0': expected a whole number from 1 to 86400.",
                                        "Setting RECONCILE_MARGIN_SECONDS has a bad value '-1': expected a whole number from 0 to 3600."));
    }

    @Test
    void a_real_database_needs_a_jwt_secret() {
        assertThatThrownBy(() -> Settings.from(Map.of("DATABASE_URL", "jdbc:postgresql://db:5432/app")))
                .isInstanceOf(SettingsException.class)
                .hasMessage(
                        "Setting JWT_SECRET is missing: expected an HS256 key of at least 32 bytes (required when DATABASE_URL is set).");
    }

    @Test
    void a_short_jwt_secret_is_refused() {
        assertThatThrownBy(() -> Settings.from(Map.of("JWT_SECRET", "short")))
                .hasMessage("Setting JWT_SECRET is too short: an HS256 key needs at least 32 bytes.");
    }

    @Test
    void each_bad_value_is_one_line_naming_the_setting() {
        var env = Map.of(
                "PORT",
                "seventy",
                "MAX_APPTS_PER_PATIENT",
                "0",
                "APPOINTMENT_NUMBER_TIMEZONE",
                "Mars/Olympus",
                "REDIS_URL",
                "localhost:6379",
                "APPOINTMENT_NUMBER_PREFIX",
                "aid-",
                "CALENDAR_TIMEOUT_SECONDS",
                "90");

        assertThatThrownBy(() -> Settings.from(env))
                .isInstanceOfSatisfying(
                        SettingsException.class,
                        e -> assertThat(e.problems())
                                .containsExactlyInAnyOrder(
                                        "Setting PORT has a bad value 'seventy': expected a whole number from 0 to 65535.",
                                        "Setting MAX_APPTS_PER_PATIENT has a bad value '0': expected a whole number from 1 to 1000.",
                                        "Setting APPOINTMENT_NUMBER_TIMEZONE has a bad value 'Mars/Olympus': expected an IANA time zone such as UTC or Asia/Kolkata.",
                                        "Setting REDIS_URL has a bad value 'localhost:6379': expected a URL starting with redis:// or rediss://.",
                                        "Setting APPOINTMENT_NUMBER_PREFIX has a bad value 'aid-': expected 1 to 10 upper-case letters or digits, starting with a letter.",
                                        "Setting CALENDAR_TIMEOUT_SECONDS has a bad value '90': expected a whole number from 1 to 30."));
    }

    @Test
    void the_cal_com_settings_are_read_here_once_with_the_documented_defaults() {
        var defaults = Settings.from(Map.of()).calCom();
        var given = Settings.from(Map.of(
                        "CAL_COM_API_KEY", "cal_live_x",
                        "CAL_COM_WEBHOOK_SECRET", "whsec",
                        "CAL_COM_WEBHOOK_URL", "https://clinic.example.org/webhooks/cal",
                        "CAL_COM_EVENT_LINK_BASE", "https://cal.clinic.example/booking/"))
                .calCom();

        assertThat(defaults.eventLinkBase()).isEqualTo("https://app.cal.com/booking/");
        assertThat(defaults.registersWebhook()).isFalse();
        assertThat(given.eventLinkBase()).isEqualTo("https://cal.clinic.example/booking/");
        assertThat(given.webhookUrl()).isEqualTo("https://clinic.example.org/webhooks/cal");
        assertThat(given.registersWebhook()).isTrue();
    }

    @Test
    void the_webhook_is_registered_only_with_a_key_a_url_and_a_secret() {
        var noSecret = Settings.from(Map.of(
                "CAL_COM_API_KEY", "cal_live_x", "CAL_COM_WEBHOOK_URL", "https://clinic.example.org/webhooks/cal"));
        var noKey = Settings.from(Map.of(
                "CAL_COM_WEBHOOK_SECRET", "whsec", "CAL_COM_WEBHOOK_URL", "https://clinic.example.org/webhooks/cal"));

        assertThat(noSecret.calCom().registersWebhook()).isFalse();
        assertThat(noKey.calCom().registersWebhook()).isFalse();
    }

    @Test
    void an_event_link_base_that_is_not_a_url_is_named() {
        assertThatThrownBy(() -> Settings.from(Map.of("CAL_COM_EVENT_LINK_BASE", "booking/")))
                .hasMessageContaining("CAL_COM_EVENT_LINK_BASE");
    }

    @Test
    void production_settings_are_read_as_given() {
        var settings = Settings.from(Map.of(
                "DATABASE_URL",
                "jdbc:postgresql://db:5432/app",
                "DATABASE_USER",
                "app",
                "JWT_SECRET",
                SECRET,
                "REDIS_URL",
                "redis://cache:6379",
                "CAL_COM_API_KEY",
                "cal_live_x",
                "MAX_FUTURE_BOOKING_DAYS",
                "30",
                "RATE_LIMIT_BOOKINGS_PER_MINUTE",
                "7",
                "PORT",
                "8080"));

        assertThat(settings.database().embedded()).isFalse();
        assertThat(settings.database().user()).isEqualTo("app");
        assertThat(settings.jwt().secret()).isEqualTo(SECRET);
        assertThat(settings.redisUrl()).isEqualTo("redis://cache:6379");
        assertThat(settings.calCom().connected()).isTrue();
        assertThat(settings.booking().maxFutureBookingDays()).isEqualTo(30);
        assertThat(settings.bookingRateLimit()).isEqualTo(new RateLimit(7, Duration.ofMinutes(1)));
        assertThat(settings.port()).isEqualTo(8080);
        assertThat(settings.demoData()).isFalse();
    }

    @Test
    void a_bad_url_is_named_without_its_password() {
        assertThatThrownBy(
                        () -> Settings.from(Map.of("REDIS_URL", "http://user:s3cret@cache:6379", "JWT_SECRET", SECRET)))
                .hasMessage(
                        "Setting REDIS_URL has a bad value 'http://***@cache:6379': expected a URL starting with redis:// or rediss://.")
                .hasMessageNotContaining("s3cret");
    }
}
