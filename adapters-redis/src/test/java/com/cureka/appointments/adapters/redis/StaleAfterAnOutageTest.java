package com.cureka.appointments.adapters.redis;

import com.cureka.appointments.adapters.redis.testsupport.TestRedis;
import com.cureka.appointments.domain.doctor.DoctorId;
import com.cureka.appointments.domain.kernel.TimeSlot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.embedded.RedisServer;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import static com.cureka.appointments.domain.kernel.AppointmentType.CONSULTATION;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10, defect 8: after Redis comes back, a booked slot is offered for at most a few seconds, whether Redis
 * was frozen while the booking invalidated its day, or restarted from a snapshot older than that invalidation. Runs
 * on a Redis of its own (it freezes and restarts it), never on the shared test server.
 */
class StaleAfterAnOutageTest {
    private static final String PREFIX = TestRedis.uniqueKeyPrefix(StaleAfterAnOutageTest.class);
    private static final LocalDate DAY = LocalDate.of(2030, 3, 4);
    private static final List<TimeSlot> BEFORE_THE_BOOKING =
            List.of(TimeSlot.of(Instant.parse("2030-03-04T09:00:00Z"), Duration.ofMinutes(30)));
    /** API contract for this defect: never more than 10 s after Redis is back. */
    private static final Duration AT_MOST = Duration.ofSeconds(10);

    private final DoctorId doctor = DoctorId.random();
    private final int port = TestRedis.freePort();
    private final List<AutoCloseable> opened = new ArrayList<>();

    @TempDir
    Path dataDir;

    @AfterEach
    void close() throws Exception {
        for (var each : opened.reversed()) {
            each.close();
        }
    }

    private RedisServer server() throws Exception {
        var server = RedisServer.newRedisServer()
                .bind("127.0.0.1")
                .port(port)
                .setting("save \"\"")
                .setting("appendonly no")
                .setting("dir " + dataDir)
                .soutListener(line -> {})
                .serrListener(line -> {})
                .build();
        server.start();
        opened.add(() -> {
            if (server.isActive()) {
                server.stop();
            }
        });
        return server;
    }

    private RedisAvailabilityCache cache() {
        var connection = new RedisConnection("redis://127.0.0.1:" + port);
        opened.add(connection);
        return new RedisAvailabilityCache(connection, Duration.ofMinutes(5), Duration.ofSeconds(10), PREFIX);
    }

    /** A new plain connection each time: one opened before a restart would be dead after it. */
    private Jedis admin() {
        var admin = new Jedis("127.0.0.1", port);
        opened.add(admin);
        return admin;
    }

    /** The entry's key, as RedisAvailabilityCache names it, to look at the server itself. */
    private String entryKey() {
        return PREFIX + "availability:v1:{" + doctor.value() + "}:" + DAY + ":consultation";
    }

    private static boolean within(Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() - deadline < 0) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    @Test
    void an_invalidation_lost_while_redis_was_frozen_is_carried_out_once_it_answers() throws Exception {
        server();
        var booking = cache(); // the instance that books
        var listing = cache(); // another instance, which knows nothing of the lost invalidation
        listing.put(doctor, DAY, CONSULTATION, BEFORE_THE_BOOKING);
        assertThat(listing.get(doctor, DAY, CONSULTATION)).contains(BEFORE_THE_BOOKING);

        admin().clientPause(2_000); // frozen, as by SIGSTOP: connections stay open, nothing is answered
        booking.invalidate(doctor, DAY);
        Thread.sleep(2_000);

        assertThat(within(AT_MOST, () -> !admin().exists(entryKey())))
                .as("the lost invalidation reaches the server")
                .isTrue();
        assertThat(listing.get(doctor, DAY, CONSULTATION)).isEmpty();
    }

    @Test
    void a_redis_restarted_from_an_older_snapshot_gives_no_stale_listing() throws Exception {
        var server = server();
        var booking = cache();
        var listing = cache();
        listing.put(doctor, DAY, CONSULTATION, BEFORE_THE_BOOKING);
        assertThat(listing.get(doctor, DAY, CONSULTATION)).isPresent(); // the listing instance has seen this server
        admin().save(); // the snapshot, taken before the booking
        booking.invalidate(doctor, DAY);
        assertThat(listing.get(doctor, DAY, CONSULTATION)).isEmpty();

        server.stop();
        server.start(); // from the snapshot: the entry is back, as stale as it was
        assertThat(admin().exists(entryKey()))
                .as("the snapshot brought the old entry back")
                .isTrue();

        assertThat(within(
                        AT_MOST, () -> listing.get(doctor, DAY, CONSULTATION).isEmpty() && !admin().exists(entryKey())))
                .as("the listing instance drops what the restarted server holds")
                .isTrue();
    }
}
