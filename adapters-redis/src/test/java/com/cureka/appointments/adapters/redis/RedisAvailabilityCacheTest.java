package com.cureka.appointments.adapters.redis;

import com.cureka.appointments.adapters.redis.testsupport.TestRedis;
import com.cureka.appointments.domain.doctor.DoctorId;
import com.cureka.appointments.domain.kernel.AppointmentType;
import com.cureka.appointments.domain.kernel.TimeSlot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.params.SetParams;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.BooleanSupplier;

import static com.cureka.appointments.domain.kernel.AppointmentType.CONSULTATION;
import static com.cureka.appointments.domain.kernel.AppointmentType.EMERGENCY;
import static com.cureka.appointments.domain.kernel.AppointmentType.FOLLOWUP;
import static org.assertj.core.api.Assertions.assertThat;

class RedisAvailabilityCacheTest {
    private static final String PREFIX = TestRedis.uniqueKeyPrefix(RedisAvailabilityCacheTest.class);
    private static final Duration TTL = Duration.ofMinutes(5);
    private static final Duration FENCE = RedisAvailabilityCache.DEFAULT_FENCE;
    private static final LocalDate MONDAY = LocalDate.of(2030, 3, 4);
    private static final LocalDate TUESDAY = MONDAY.plusDays(1);
    private static final Instant NINE = Instant.parse("2030-03-04T09:00:00Z");

    private static RedisConnection redis;

    private final DoctorId doctor = DoctorId.random();
    private final RedisAvailabilityCache cache = new RedisAvailabilityCache(redis, TTL, FENCE, PREFIX);

    @BeforeAll
    static void connect() {
        redis = TestRedis.connect();
    }

    @AfterAll
    static void disconnect() {
        redis.close();
    }

    @Test
    void a_stored_listing_is_read_back_slot_for_slot() {
        var slots = List.of(
                TimeSlot.of(NINE, Duration.ofMinutes(30)),
                TimeSlot.of(NINE.plus(Duration.ofMinutes(30)), Duration.ofMinutes(30)),
                new TimeSlot(NINE.plusMillis(1_500), NINE.plusSeconds(3_600).plusNanos(7))); // not whole seconds

        cache.put(doctor, MONDAY, CONSULTATION, slots);

        assertThat(cache.get(doctor, MONDAY, CONSULTATION)).contains(slots);
    }

    @Test
    void a_day_without_free_slots_is_cached_as_empty_rather_than_missing() {
        cache.put(doctor, MONDAY, CONSULTATION, List.of());

        assertThat(cache.get(doctor, MONDAY, CONSULTATION)).contains(List.of());
    }

    @Test
    void a_listing_never_stored_is_a_miss() {
        cache.put(doctor, MONDAY, CONSULTATION, slotsAt(9));

        assertThat(cache.get(doctor, MONDAY, FOLLOWUP)).isEmpty();
        assertThat(cache.get(doctor, TUESDAY, CONSULTATION)).isEmpty();
        assertThat(cache.get(DoctorId.random(), MONDAY, CONSULTATION)).isEmpty();
    }

    @Test
    void a_listing_lives_for_the_time_to_live_and_no_longer() {
        cache.put(doctor, MONDAY, CONSULTATION, slotsAt(9));

        long millisLeft = redis.call(jedis -> jedis.pttl(entryKey(doctor, MONDAY, CONSULTATION)));
        assertThat(millisLeft).isBetween(TTL.toMillis() - 10_000, TTL.toMillis());
    }

    @Test
    void an_expired_listing_is_a_miss() throws InterruptedException {
        var shortLived = new RedisAvailabilityCache(redis, Duration.ofMillis(500), FENCE, PREFIX);
        shortLived.put(doctor, MONDAY, CONSULTATION, slotsAt(9));
        assertThat(shortLived.get(doctor, MONDAY, CONSULTATION)).isPresent();

        assertThat(eventually(() -> shortLived.get(doctor, MONDAY, CONSULTATION).isEmpty()))
                .isTrue();
    }

    @Test
    void invalidating_a_day_forgets_every_type_of_that_day_and_nothing_else() {
        var otherDoctor = DoctorId.random();
        for (AppointmentType type : AppointmentType.values()) {
            cache.put(doctor, MONDAY, type, slotsAt(9));
        }
        cache.put(doctor, TUESDAY, CONSULTATION, slotsAt(10));
        cache.put(otherDoctor, MONDAY, CONSULTATION, slotsAt(11));

        cache.invalidate(doctor, MONDAY);

        for (AppointmentType type : AppointmentType.values()) {
            assertThat(cache.get(doctor, MONDAY, type)).as(type.code()).isEmpty();
        }
        assertThat(cache.get(doctor, TUESDAY, CONSULTATION)).contains(slotsAt(10));
        assertThat(cache.get(otherDoctor, MONDAY, CONSULTATION)).contains(slotsAt(11));
    }

    @Test
    void invalidating_a_doctor_forgets_all_their_days_and_no_other_doctors() {
        var otherDoctor = DoctorId.random();
        cache.put(doctor, MONDAY, CONSULTATION, slotsAt(9));
        cache.put(doctor, TUESDAY, EMERGENCY, slotsAt(10));
        cache.put(doctor, MONDAY.plusDays(30), FOLLOWUP, slotsAt(11));
        cache.put(otherDoctor, MONDAY, CONSULTATION, slotsAt(12));

        cache.invalidateDoctor(doctor);

        assertThat(cache.get(doctor, MONDAY, CONSULTATION)).isEmpty();
        assertThat(cache.get(doctor, TUESDAY, EMERGENCY)).isEmpty();
        assertThat(cache.get(doctor, MONDAY.plusDays(30), FOLLOWUP)).isEmpty();
        assertThat(cache.get(otherDoctor, MONDAY, CONSULTATION)).contains(slotsAt(12));
    }

    @Test
    void a_listing_read_before_a_booking_and_stored_just_after_its_invalidation_is_not_kept() {
        cache.invalidate(doctor, MONDAY); // a booking on another instance

        cache.put(doctor, MONDAY, CONSULTATION, slotsAt(9)); // a listing that read the source before that booking

        assertThat(cache.get(doctor, MONDAY, CONSULTATION)).isEmpty();
    }

    @Test
    void listings_are_kept_again_once_the_fence_after_an_invalidation_has_passed() {
        var shortFence = new RedisAvailabilityCache(redis, TTL, Duration.ofMillis(200), PREFIX);
        shortFence.invalidate(doctor, MONDAY);
        shortFence.put(doctor, TUESDAY, CONSULTATION, slotsAt(10)); // other days are not fenced
        assertThat(shortFence.get(doctor, TUESDAY, CONSULTATION)).contains(slotsAt(10));

        boolean keptAgain = eventually(() -> {
            shortFence.put(doctor, MONDAY, CONSULTATION, slotsAt(9));
            return shortFence.get(doctor, MONDAY, CONSULTATION).isPresent();
        });

        assertThat(keptAgain).isTrue();
    }

    @Test
    void a_listing_stored_just_after_a_schedule_change_is_not_kept() {
        cache.invalidateDoctor(doctor);

        cache.put(doctor, TUESDAY, CONSULTATION, slotsAt(9));

        assertThat(cache.get(doctor, TUESDAY, CONSULTATION)).isEmpty();
    }

    @Test
    void instances_sharing_redis_see_each_others_listings_and_invalidations() {
        var otherInstance = new RedisAvailabilityCache(redis, TTL, FENCE, PREFIX);
        cache.put(doctor, MONDAY, CONSULTATION, slotsAt(9));
        assertThat(otherInstance.get(doctor, MONDAY, CONSULTATION)).contains(slotsAt(9));

        otherInstance.invalidate(doctor, MONDAY);

        assertThat(cache.get(doctor, MONDAY, CONSULTATION)).isEmpty();
    }

    @Test
    void an_unreadable_entry_is_a_miss_rather_than_a_failure() {
        redis.call(jedis -> jedis.set(
                entryKey(doctor, MONDAY, CONSULTATION),
                "not a slot list",
                SetParams.setParams().px(60_000)));

        assertThat(cache.get(doctor, MONDAY, CONSULTATION)).isEmpty();
    }

    @Test
    void the_doctors_entry_set_expires_with_the_entries() {
        cache.put(doctor, MONDAY, CONSULTATION, slotsAt(9));

        long millisLeft = redis.call(jedis -> jedis.pttl(PREFIX + "availability:v1:{" + doctor.value() + "}:entries"));
        assertThat(millisLeft).isBetween(1L, TTL.toMillis());
    }

    private static String entryKey(DoctorId doctor, LocalDate day, AppointmentType type) {
        return PREFIX + "availability:v1:{" + doctor.value() + "}:" + day + ":" + type.code();
    }

    private static List<TimeSlot> slotsAt(int hour) {
        var start = MONDAY.atTime(hour, 0).toInstant(ZoneOffset.UTC);
        return List.of(
                TimeSlot.of(start, Duration.ofMinutes(30)),
                TimeSlot.of(start.plusSeconds(1_800), Duration.ofMinutes(30)));
    }

    /** Polls for up to 3 s; true as soon as the condition holds. */
    static boolean eventually(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (System.nanoTime() - deadline < 0) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }
}
