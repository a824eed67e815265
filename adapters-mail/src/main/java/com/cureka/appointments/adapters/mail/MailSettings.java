package com.cureka.appointments.adapters.mail;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where mail goes: an SMTP server ({@code smtp://user:pass@host:587}, STARTTLS when the server offers it, or
 * {@code smtps://…}, TLS from the first byte), or, with no {@code smtpUrl}, {@code .eml} files in {@code mailDirectory}.
 */
public record MailSettings(
        URI smtpUrl, String from, Path mailDirectory, Duration connectTimeout, Duration readTimeout) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public MailSettings {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(mailDirectory, "mailDirectory");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        if (smtpUrl != null && !"smtp".equals(smtpUrl.getScheme()) && !"smtps".equals(smtpUrl.getScheme())) {
            throw new IllegalArgumentException("SMTP_URL must start with smtp:// or smtps://");
        }
        if (smtpUrl != null && smtpUrl.getHost() == null) {
            throw new IllegalArgumentException("SMTP_URL names no host");
        }
    }
}
