package com.cureka.appointments.bootstrap;

import com.cureka.appointments.adapters.calcom.CalComSettings;
import com.cureka.appointments.application.port.availability.RateLimit;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Every setting of the app, read from environment variables (names and defaults as in API.md). Reading
 * collects every bad value and fails with one line per problem, each naming its variable.
 */
public record Settings(
        int port,
        Database database,
        String redisUrl,
        Jwt jwt,
        CalCom calCom,
        Booking booking,
        String appointmentNumberPrefix,
        ZoneId appointmentNumberZone,
        RateLimit bookingRateLimit,
        Duration calendarTimeout,
        String videoRoomBaseUrl,
        boolean demoData,
        Webhooks webhooks,
        Notifications notifications,
        Reconcile reconcile) {

    /** {@code url} null means the embedded PostgreSQL, keeping its data in {@code embeddedDirectory}. */
    public record Database(String url, String user, String password, String embeddedDirectory, int poolSize) {
        public boolean embedded() {
            return url == null;
        }
    }

    /** {@code secret} null means "embedded dev mode: make one up and print it". */
    public record Jwt(String secret, String issuer, String audience) {}

    /**
     * {@code apiKey} null means the built-in calendar. {@code webhookSecret} verifies {@code POST /webhooks/cal} in
     * either mode; {@code webhookUrl} is registered in Cal.com at start-up; {@code eventLinkBase} prefixes the
     * stored {@code cal_event_link}.
     */
    public record CalCom(String apiKey, String webhookSecret, String baseUrl, String webhookUrl, String eventLinkBase) {
        public boolean connected() {
            return apiKey != null;
        }

        /** The subscription is registered only with a key to do it, a URL to register and a secret to sign with. */
        public boolean registersWebhook() {
            return connected() && webhookUrl != null && webhookSecret != null;
        }
    }

    /**
     * Outbound webhooks: {@code allowPrivateUrls} turns the SSRF guard off outside embedded mode (it is always off in
     * embedded mode, where receivers on localhost are the point); {@code workers} delivery threads per instance.
     */
    public record Webhooks(boolean allowPrivateUrls, int workers) {}

    /**
     * The reconcile job: due {@code every} after its last run ended; it settles a PENDING hold once the hold is older
     * than the calendar timeout plus {@code margin}, which allows for instances whose clocks differ a little.
     */
    public record Reconcile(Duration every, Duration margin) {}

    public record Booking(
            int maxFutureBookingDays,
            int minAdvanceBookingHours,
            int maxAppointmentsPerPatient,
            int defaultAppointmentMinutes) {}

    /**
     * E-mail to patients. {@code smtpUrl} null means "write .eml files into {@code mailDirectory}";
     * {@code publicBaseUrl} null means {@code http://localhost:{port}}; {@code manageLinkSecret} null means "derived
     * from the JWT secret".
     */
    public record Notifications(
            String smtpUrl,
            String mailFrom,
            String mailDirectory,
            Duration smtpTimeout,
            String publicBaseUrl,
            List<Duration> reminderOffsets,
            String manageLinkSecret) {}

    public static final String DEFAULT_CAL_COM_BASE_URL = "https://api.cal.com/v2";

    public static Settings fromEnvironment() {
        return from(System.getenv());
    }

    public static Settings from(Map<String, String> env) {
        var reader = new Reader(env);
        var databaseUrl = reader.text("DATABASE_URL", null);
        if (databaseUrl != null && !databaseUrl.startsWith("jdbc:postgresql:") && !databaseUrl.startsWith("postgres")) {
            reader.problem(
                    "DATABASE_URL",
                    databaseUrl,
                    "a jdbc:postgresql://host:port/db or postgres://user:pass@host:port/db URL");
        }
        var settings = new Settings(
                reader.integer("PORT", 7070, 0, 65535),
                new Database(
                        databaseUrl,
                        reader.text("DATABASE_USER", null),
                        reader.text("DATABASE_PASSWORD", null),
                        reader.text("EMBEDDED_DB_DIR", "./data/postgres"),
                        reader.integer("DATABASE_POOL_SIZE", 16, 1, 200)),
                reader.url("REDIS_URL", null, "redis", "rediss"),
                new Jwt(
                        reader.jwtSecret(databaseUrl == null),
                        reader.text("JWT_ISSUER", "cureka"),
                        reader.text("JWT_AUDIENCE", "appointments-api")),
                new CalCom(
                        reader.text("CAL_COM_API_KEY", null),
                        reader.text("CAL_COM_WEBHOOK_SECRET", null),
                        reader.url("CAL_COM_BASE_URL", DEFAULT_CAL_COM_BASE_URL, "https", "http"),
                        reader.url("CAL_COM_WEBHOOK_URL", null, "https", "http"),
                        reader.url("CAL_COM_EVENT_LINK_BASE", CalComSettings.DEFAULT_EVENT_LINK_BASE, "https", "http")),
                new Booking(
                        reader.integer("MAX_FUTURE_BOOKING_DAYS", 60, 1, 3650),
                        reader.integer("MIN_ADVANCE_BOOKING_HOURS", 1, 0, 720),
                        reader.integer("MAX_APPTS_PER_PATIENT", 10, 1, 1000),
                        reader.integer("DEFAULT_APPOINTMENT_DURATION", 30, 5, 480)),
                reader.matching(
                        "APPOINTMENT_NUMBER_PREFIX",
                        "AID",
                        "[A-Z][A-Z0-9]{0,9}",
                        "1 to 10 upper-case letters or digits, starting with a letter"),
                reader.zone("APPOINTMENT_NUMBER_TIMEZONE", "UTC"),
                RateLimit.perMinute(reader.integer("RATE_LIMIT_BOOKINGS_PER_MINUTE", 5, 1, 10_000)),
                Duration.ofSeconds(reader.integer("CALENDAR_TIMEOUT_SECONDS", 30, 1, 30)),
                reader.url("VIDEO_ROOM_BASE_URL", "https://meet.jit.si/", "https", "http"),
                reader.bool("DEMO_DATA", databaseUrl == null),
                new Webhooks(
                        reader.bool("WEBHOOK_ALLOW_PRIVATE_URLS", false), reader.integer("WEBHOOK_WORKERS", 4, 1, 64)),
                new Notifications(
                        reader.url("SMTP_URL", null, "smtp", "smtps"),
                        reader.matching(
                                "MAIL_FROM",
                                "appointments@localhost",
                                "[^\\s@<>\"]+@[^\\s@<>\"]+",
                                "an e-mail address such as appointments@clinic.example"),
                        reader.text("MAIL_DIR", "./data/mail"),
                        Duration.ofSeconds(reader.integer("SMTP_TIMEOUT_SECONDS", 10, 1, 120)),
                        reader.url("PUBLIC_BASE_URL", null, "https", "http"),
                        reader.offsets("REMINDER_OFFSETS", "24h,2h"),
                        reader.secret("MANAGE_LINK_SECRET")),
                new Reconcile(
                        Duration.ofSeconds(reader.integer("RECONCILE_INTERVAL_SECONDS", 900, 1, 86_400)),
                        Duration.ofSeconds(reader.integer("RECONCILE_MARGIN_SECONDS", 60, 0, 3_600))));
        if (settings.booking.maxFutureBookingDays * 24L <= settings.booking.minAdvanceBookingHours) {
            reader.problem(
                    "MAX_FUTURE_BOOKING_DAYS",
                    String.valueOf(settings.booking.maxFutureBookingDays),
                    "a window longer than MIN_ADVANCE_BOOKING_HOURS");
        }
        reader.throwIfAny();
        return settings;
    }

    /** Reads typed values and keeps every problem instead of stopping at the first. */
    private static final class Reader {
        private final Map<String, String> env;
        private final List<String> problems = new ArrayList<>();

        Reader(Map<String, String> env) {
            this.env = env;
        }

        String text(String name, String fallback) {
            var value = env.get(name);
            return value == null || value.isBlank() ? fallback : value.strip();
        }

        int integer(String name, int fallback, int min, int max) {
            return parse(
                    name,
                    fallback,
                    raw -> {
                        int value = Integer.parseInt(raw);
                        if (value < min || value > max) {
                            throw new IllegalArgumentException();
                        }
                        return value;
                    },
                    "a whole number from " + min + " to " + max);
        }

        boolean bool(String name, boolean fallback) {
            return parse(
                    name,
                    fallback,
                    raw -> switch (raw.toLowerCase()) {
                        case "true", "yes", "1" -> true;
                        case "false", "no", "0" -> false;
                        default -> throw new IllegalArgumentException();
                    },
                    "true or false");
        }

        ZoneId zone(String name, String fallback) {
            return parse(name, ZoneId.of(fallback), ZoneId::of, "an IANA time zone such as UTC or Asia/Kolkata");
        }

        String matching(String name, String fallback, String regex, String expected) {
            return parse(
                    name,
                    fallback,
                    raw -> {
                        if (!raw.matches(regex)) {
                            throw new IllegalArgumentException();
                        }
                        return raw;
                    },
                    expected);
        }

        String url(String name, String fallback, String... schemes) {
            return parse(
                    name,
                    fallback,
                    raw -> {
                        var uri = URI.create(raw);
                        if (uri.getScheme() == null
                                || uri.getHost() == null
                                || !List.of(schemes).contains(uri.getScheme())) {
                            throw new IllegalArgumentException();
                        }
                        return raw;
                    },
                    "a URL starting with " + String.join(":// or ", schemes) + "://");
        }

        /** A comma-separated list of lead times such as {@code 24h,2h} or {@code 90m}; empty turns reminders off. */
        List<Duration> offsets(String name, String fallback) {
            return parse(
                    name,
                    parseOffsets(fallback),
                    raw -> raw.equalsIgnoreCase("none") ? List.of() : parseOffsets(raw),
                    "lead times such as 24h,2h (units m, h, d), or none");
        }

        private static List<Duration> parseOffsets(String raw) {
            var offsets = new ArrayList<Duration>();
            for (String part : raw.split(",")) {
                var p = part.strip().toLowerCase();
                if (!p.matches("[1-9][0-9]{0,5}[mhd]")) {
                    throw new IllegalArgumentException();
                }
                long amount = Long.parseLong(p.substring(0, p.length() - 1));
                var offset = switch (p.charAt(p.length() - 1)) {
                    case 'm' -> Duration.ofMinutes(amount);
                    case 'h' -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                };
                if (offsets.contains(offset)) {
                    throw new IllegalArgumentException();
                }
                offsets.add(offset);
            }
            return List.copyOf(offsets);
        }

        /** An optional HMAC key: absent is fine, present must have 32 bytes. */
        String secret(String name) {
            var secret = text(name, null);
            if (secret != null && secret.getBytes(StandardCharsets.UTF_8).length < 32) {
                problems.add("Setting " + name + " is too short: an HMAC key needs at least 32 bytes.");
            }
            return secret;
        }

        String jwtSecret(boolean embedded) {
            var secret = text("JWT_SECRET", null);
            if (secret == null) {
                if (!embedded) {
                    problem(
                            "JWT_SECRET",
                            null,
                            "an HS256 key of at least 32 bytes (required when DATABASE_URL is set)");
                }
                return null;
            }
            if (secret.getBytes(StandardCharsets.UTF_8).length < 32) {
                problems.add("Setting JWT_SECRET is too short: an HS256 key needs at least 32 bytes.");
            }
            return secret;
        }

        void problem(String name, String value, String expected) {
            problems.add(
                    value == null
                            ? "Setting " + name + " is missing: expected " + expected + "."
                            : "Setting " + name + " has a bad value '" + withoutCredentials(value) + "': expected "
                                    + expected + ".");
        }

        /** A URL's user and password never reach the console, even when the URL is malformed. */
        private static String withoutCredentials(String value) {
            return value.replaceAll("(?<=://)[^/@\\s]*@", "***@");
        }

        void throwIfAny() {
            if (!problems.isEmpty()) {
                throw new SettingsException(problems);
            }
        }

        private <T> T parse(String name, T fallback, Function<String, T> parser, String expected) {
            var raw = text(name, null);
            if (raw == null) {
                return fallback;
            }
            try {
                return parser.apply(raw);
            } catch (IllegalArgumentException | DateTimeException e) {
                problem(name, raw, expected);
                return fallback;
            }
        }
    }
}
