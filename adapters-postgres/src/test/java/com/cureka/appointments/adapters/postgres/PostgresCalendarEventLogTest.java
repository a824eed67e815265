package com.cureka.appointments.adapters.postgres;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class PostgresCalendarEventLogTest {
    private static final Instant T0 = Instant.parse("2025-11-20T08:00:00Z");

    private static PostgresDatabase database;
    private PostgresCalendarEventLog log;

    @BeforeAll
    static void startDatabase() {
        database = TestDatabases.migrated(10);
    }

    @AfterAll
    static void stopDatabase() {
        database.close();
    }

    @BeforeEach
    void emptyLog() {
        database.jdbi().useHandle(h -> h.execute("TRUNCATE calendar_webhook_deliveries"));
        log = new PostgresCalendarEventLog(database.jdbi());
    }

    @Test
    void a_delivery_is_first_once_and_a_redelivery_is_not() {
        assertThat(log.firstDelivery("hash-1", "BOOKING_CANCELLED", T0)).isTrue();
        assertThat(log.firstDelivery("hash-1", "BOOKING_CANCELLED", T0.plusSeconds(30)))
                .isFalse();
        assertThat(log.firstDelivery("hash-2", "BOOKING_CANCELLED", T0.plusSeconds(30)))
                .isTrue();
    }

    @Test
    void the_same_delivery_reaching_eight_threads_at_once_is_first_for_exactly_one() throws Exception {
        for (int round = 0; round < 10; round++) {
            String hash = "race-" + round;
            var answers = Simultaneously.run(8, () -> log.firstDelivery(hash, "BOOKING_RESCHEDULED", T0));

            assertThat(answers).as("round %d", round).containsOnlyOnce(true);
        }
    }

    @Test
    void purging_forgets_deliveries_received_before_the_instant_and_says_how_many() {
        log.firstDelivery("old-1", "BOOKING_CREATED", T0);
        log.firstDelivery("old-2", "BOOKING_CREATED", T0.plus(Duration.ofHours(1)));
        log.firstDelivery("new", "BOOKING_CREATED", T0.plus(Duration.ofDays(7)));

        assertThat(log.purgeOlderThan(T0.plus(Duration.ofDays(7)))).isEqualTo(2);
        assertThat(log.purgeOlderThan(T0.plus(Duration.ofDays(7)))).isZero();
        assertThat(log.firstDelivery("old-1", "BOOKING_CREATED", T0.plus(Duration.ofDays(8))))
                .isTrue();
        assertThat(log.firstDelivery("new", "BOOKING_CREATED", T0.plus(Duration.ofDays(8))))
                .isFalse();
    }
}
