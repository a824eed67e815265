package com.cureka.appointments.adapters.postgres;

import com.cureka.appointments.application.port.webhook.WebhookDelivery;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The queue claims stay bounded by their LIMIT however far the planner's picture of the table lags behind it (V12).
 * Found in the benchmark: with a claim planned while the table was empty, four webhook workers spent minutes of CPU
 * per claim over 35,000 waiting deliveries and sent nothing. The database has one connection, so that every statement
 * of a test meets whatever that connection kept from the ones before.
 */
class QueueClaimPlansTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(1);
    private static final int PER_SUBSCRIBER = 10_000;
    /**
     * A claim of 32 reads about a thousand pages here; without the claim's planner settings 81,470, and the NOT EXISTS
     * form V12 replaced 21,716 even with them.
     */
    private static final long BOUND = 3_000;

    private static PostgresDatabase database;

    @BeforeAll
    static void startDatabase() {
        database = TestDatabases.migrated(1);
    }

    @AfterAll
    static void stopDatabase() {
        database.close();
    }

    @Test
    void the_claims_are_planned_at_each_execution_never_kept_prepared_on_the_connection() {
        var deliveries = new PostgresWebhookDeliveries(database.jdbi());
        var outbox = new PostgresOutbox(database.jdbi());
        for (int i = 0; i < 10; i++) {
            deliveries.claimDue(NOW, LEASE, 32);
            outbox.claim(NOW, LEASE, 50);
            database.jdbi()
                    .withHandle(h -> h.createQuery("SELECT count(*) FROM outbox WHERE number = :n")
                            .bind("n", "AID-20260301-0001")
                            .mapTo(Long.class)
                            .one());
        }

        List<String> prepared = database.jdbi()
                .withHandle(h -> h.createQuery("SELECT statement FROM pg_prepared_statements")
                        .mapTo(String.class)
                        .list());

        // The driver does keep an ordinary statement used ten times, so the check below can tell.
        assertThat(prepared).anyMatch(statement -> statement.contains("FROM outbox WHERE number"));
        assertThat(prepared).noneMatch(statement -> statement.contains("SKIP LOCKED"));
    }

    @Test
    void a_webhook_claim_over_a_large_backlog_reads_a_few_pages_though_the_statistics_say_nothing_is_pending()
            throws Exception {
        // A month of delivered events, analysed; then a receiver is down and a backlog builds before the next analyse.
        database.jdbi().useHandle(h -> {
            insertDeliveries(h, "succeeded", "AID-20260201-");
            h.execute("VACUUM ANALYZE webhook_deliveries");
            insertDeliveries(h, "pending", "AID-20260301-");
        });

        long pages = pagesRead(
                List.of(QueueClaim.IN_CLAIM_ORDER),
                NamedSql.of(PostgresWebhookDeliveries.CLAIM_DUE).positional(),
                "'" + NOW.plus(LEASE) + "'",
                "'" + NOW + "'",
                "'" + NOW + "'",
                "32");
        var claimed = new PostgresWebhookDeliveries(database.jdbi()).claimDue(NOW, LEASE, 32);

        assertThat(pages).isLessThan(BOUND);
        assertThat(claimed).hasSize(32);
        // The earliest due first: the first sixteen appointments of each of the two subscribers.
        assertThat(claimed)
                .extracting(WebhookDelivery::appointmentNumber)
                .containsOnly(IntStream.rangeClosed(1, 16)
                        .mapToObj(n -> "AID-20260301-%04d".formatted(n))
                        .toArray(String[]::new));
    }

    @Test
    void an_outbox_claim_over_a_large_backlog_reads_a_few_pages_though_the_statistics_say_the_table_is_empty()
            throws Exception {
        database.jdbi().useHandle(h -> {
            h.execute("VACUUM ANALYZE outbox");
            h.createUpdate("""
                            INSERT INTO outbox (event_id, consumer, event_type, number, occurred_at, payload, due_at,
                                                created_at)
                            SELECT gen_random_uuid(), 'email', 'BOOKED', 'AID-20260301-' || lpad(n::text, 4, '0'),
                                   :now, '{}', :now - interval '1 hour' + n * interval '1 millisecond', :now
                              FROM generate_series(1, :rows) n
                            """)
                    .bind("now", Timestamps.utc(NOW))
                    .bind("rows", 2 * PER_SUBSCRIBER)
                    .execute();
        });

        String positional = NamedSql.of(PostgresOutbox.CLAIM).positional();
        long pages = pagesRead(
                List.of(QueueClaim.IN_CLAIM_ORDER), positional, "'" + NOW.plus(LEASE) + "'", "'" + NOW + "'", "50");

        assertThat(pages).isLessThan(BOUND);
        assertThat(new PostgresOutbox(database.jdbi()).claim(NOW, LEASE, 50)).hasSize(50);
    }

    private static void insertDeliveries(Handle h, String status, String numberPrefix) {
        for (int subscriber = 0; subscriber < 2; subscriber++) {
            UUID subscription = UUID.randomUUID();
            h.createUpdate("""
                            INSERT INTO webhook_subscriptions (id, url, events, enabled, secret, created_at)
                            VALUES (:id, 'https://receiver.example/', '{appointment.booked}', true, 'whsec_x', :now)
                            """)
                    .bind("id", subscription)
                    .bind("now", Timestamps.utc(NOW))
                    .execute();
            h.createUpdate("""
                            INSERT INTO webhook_deliveries (id, subscription_id, event_id, event_type,
                                appointment_number, body, status, next_attempt_at, occurred_at, created_at)
                            SELECT gen_random_uuid(), :subscription, gen_random_uuid(), 'appointment.booked',
                                   :prefix || lpad(n::text, 4, '0'), '{}', :status,
                                   :now - interval '1 hour' + n * interval '1 millisecond',
                                   :now - interval '1 hour' + n * interval '1 millisecond', :now
                              FROM generate_series(1, :rows) n
                            """)
                    .bind("subscription", subscription)
                    .bind("prefix", numberPrefix)
                    .bind("status", status)
                    .bind("now", Timestamps.utc(NOW))
                    .bind("rows", PER_SUBSCRIBER)
                    .execute();
        }
    }

    /**
     * Pages (shared buffers hit or read) that one execution of the statement takes when planned as the claims are, for
     * the table as it is now; the statement runs in a transaction that is rolled back.
     */
    private static long pagesRead(List<String> settings, String positionalSql, String... arguments) throws Exception {
        String sql = positionalSql;
        for (int i = 1; sql.contains("?"); i++) {
            sql = sql.replaceFirst("\\?", "\\$" + i);
        }
        String prepare = "PREPARE claim AS " + sql;
        String execute = "EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) EXECUTE claim(" + String.join(", ", arguments) + ")";
        return database.jdbi().withHandle(h -> {
            h.begin();
            try {
                h.execute("SET LOCAL plan_cache_mode = force_custom_plan");
                settings.forEach(h::execute);
                h.execute(prepare);
                String plan = h.createQuery(execute).mapTo(String.class).one();
                var root = new ObjectMapper().readTree(plan).get(0).get("Plan");
                return root.get("Shared Hit Blocks").asLong()
                        + root.get("Shared Read Blocks").asLong();
            } finally {
                h.rollback();
                h.execute("DEALLOCATE claim");
            }
        });
    }
}
