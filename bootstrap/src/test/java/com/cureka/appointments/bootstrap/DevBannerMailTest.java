package com.cureka.appointments.bootstrap;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DevBannerMailTest {
    private static final String SECRET = "dev-banner-test-secret-0123456789abcdef";
    private static final Clock CLOCK = Clock.fixed(RunningApp.NOW, ZoneOffset.UTC);

    @Test
    void without_smtp_the_banner_says_where_the_emails_are_written() {
        var settings = Settings.from(Map.of("MAIL_DIR", "./target/banner-mail"));

        var banner = DevBanner.render(settings, 7070, SECRET, CLOCK, 1000);

        assertThat(banner)
                .contains(".eml files into "
                        + Path.of("./target/banner-mail").toAbsolutePath().normalize())
                .contains("confirmation of the booking above");
    }

    @Test
    void with_smtp_the_banner_says_so_and_shows_no_address_of_the_server() {
        var settings = Settings.from(Map.of("SMTP_URL", "smtp://clinic:hunter2@mail.example:587"));

        var banner = DevBanner.render(settings, 7070, SECRET, CLOCK, 1000);

        assertThat(banner)
                .contains("over SMTP (SMTP_URL)")
                .doesNotContain("hunter2")
                .doesNotContain(".eml");
    }
}
