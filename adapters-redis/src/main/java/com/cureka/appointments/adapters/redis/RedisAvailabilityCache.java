package com.cureka.appointments.adapters.redis;

import com.cureka.appointments.application.port.availability.AvailabilityCache;
import com.cureka.appointments.domain.doctor.DoctorId;
import com.cureka.appointments.domain.kernel.AppointmentType;
import com.cureka.appointments.domain.kernel.TimeSlot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.params.SetParams;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@link AvailabilityCache} shared by every app instance through Redis.
 *
 * <p>Keys (all of a doctor's keys carry the hash tag {@code {doctor}}, so they sit in one Redis Cluster slot):
 * <pre>
 * {prefix}availability:v1:{doctor}:2025-03-14:consultation   string, the free slots, expires after the TTL
 * {prefix}availability:v1:{doctor}:entries                   set of the doctor's entry keys (for invalidateDoctor)
 * {prefix}availability:v1:{doctor}:2025-03-14:fence          marker: a day just changed, expires after the fence
 * {prefix}availability:v1:{doctor}:fence                     marker: the doctor's schedule just changed
 * </pre>
 *
 * <p>The fences close a race between instances: a listing reads the database and the calendar, a booking on another
 * instance commits and invalidates, then the listing stores what it read before the booking. While a fence lives,
 * puts for that doctor-day (or doctor) are refused, so only listings that took longer than the fence can store a
 * stale list (for at most the TTL). A stale list only shows a slot that booking then refuses: the database's
 * exclusion constraint decides, never this cache.
 *
 * <p>Never fails its caller: when Redis cannot be reached in time, {@code get} is a miss and the other methods do
 * nothing but log (a warning at most every 30 s). An invalidation lost that way is carried out again as soon as
 * Redis answers ({@link LostInvalidations}); until then this instance reads nothing from the cache. A server that
 * restarted (perhaps from an old snapshot) is noticed within a second ({@link ServerRestarts}) and everything this
 * cache stored there is dropped.
 */
public final class RedisAvailabilityCache implements AvailabilityCache {
    public static final Duration DEFAULT_TIME_TO_LIVE = Duration.ofMinutes(5);
    public static final Duration DEFAULT_FENCE = Duration.ofSeconds(10);
    public static final String DEFAULT_KEY_PREFIX = "appointments:";

    private static final Logger LOG = LoggerFactory.getLogger(RedisAvailabilityCache.class);
    private static final Duration WARN_EVERY = Duration.ofSeconds(30);

    /** Stores an entry unless its day or doctor is fenced; keeps the doctor's entry set alive as long as the entry. */
    private static final String PUT_UNLESS_FENCED = """
            if redis.call('EXISTS', KEYS[3], KEYS[4]) > 0 then return 0 end
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            redis.call('SADD', KEYS[2], KEYS[1])
            redis.call('PEXPIRE', KEYS[2], ARGV[2])
            return 1
            """;

    private final RedisConnection redis;
    private final String ttlMillis;
    private final long fenceMillis;
    private final String prefix;
    private final ThrottledWarning warning = new ThrottledWarning(LOG, WARN_EVERY);
    /** Apart, so that failing reads never hide a lost invalidation (the one that leaves stale lists). */
    private final ThrottledWarning invalidationWarning = new ThrottledWarning(LOG, WARN_EVERY);

    private final LostInvalidations lost = new LostInvalidations(this::dropEverything);
    private final ServerRestarts restarts;

    /** Entries live {@link #DEFAULT_TIME_TO_LIVE}, fences {@link #DEFAULT_FENCE}, keys start with {@value #DEFAULT_KEY_PREFIX}. */
    public RedisAvailabilityCache(RedisConnection redis) {
        this(redis, DEFAULT_TIME_TO_LIVE, DEFAULT_FENCE, DEFAULT_KEY_PREFIX);
    }

    /**
     * @param timeToLive how long an entry lives (the longest a missed invalidation can show a stale list)
     * @param fence      how long after an invalidation puts for that doctor-day are refused; should exceed the time a
     *                   listing takes to read the database and the calendar
     * @param keyPrefix  prepended to every key, to share one Redis with other apps or tests
     */
    public RedisAvailabilityCache(RedisConnection redis, Duration timeToLive, Duration fence, String keyPrefix) {
        this.redis = redis;
        if (timeToLive.toMillis() < 1 || fence.toMillis() < 1) {
            throw new IllegalArgumentException("the time to live and the fence must be at least a millisecond");
        }
        this.ttlMillis = Long.toString(timeToLive.toMillis());
        this.fenceMillis = fence.toMillis();
        this.prefix = keyPrefix + "availability:v1:";
        this.restarts = new ServerRestarts(redis);
    }

    @Override
    public Optional<List<TimeSlot>> get(DoctorId doctor, LocalDate day, AppointmentType type) {
        String value;
        try {
            if (!trustworthy()) {
                return Optional.empty();
            }
            value = redis.call(jedis -> jedis.get(entryKey(doctor, day, type)));
        } catch (RuntimeException e) {
            warning.warn("Availability cache unavailable, listing from the source", e);
            return Optional.empty();
        }
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(decode(value));
        } catch (RuntimeException e) { // written by another version, or damaged: recompute rather than fail
            warning.warn("Availability cache entry unreadable, treated as a miss", e);
            return Optional.empty();
        }
    }

    @Override
    public void put(DoctorId doctor, LocalDate day, AppointmentType type, List<TimeSlot> freeSlots) {
        var keys = List.of(
                entryKey(doctor, day, type), entriesKey(doctor), dayFenceKey(doctor, day), doctorFenceKey(doctor));
        var args = List.of(encode(freeSlots), ttlMillis);
        try {
            if (!trustworthy()) {
                return;
            }
            redis.call(jedis -> jedis.eval(PUT_UNLESS_FENCED, keys, args));
        } catch (RuntimeException e) {
            warning.warn("Availability cache unavailable, listing not stored", e);
        }
    }

    @Override
    public void invalidate(DoctorId doctor, LocalDate day) {
        LostInvalidations.Invalidation invalidation = new DayInvalidation(this, doctor, day);
        try {
            invalidation.run();
        } catch (RuntimeException e) {
            lost.remember(invalidation);
            invalidationWarning.warn(
                    "Availability cache unavailable, invalidation of a day kept to be carried out when it answers", e);
        }
    }

    /** Equal for the same doctor-day, so that a day lost twice is replayed once. */
    private record DayInvalidation(RedisAvailabilityCache cache, DoctorId doctor, LocalDate day)
            implements LostInvalidations.Invalidation {
        public void run() {
            cache.invalidateDay(doctor, day);
        }
    }

    private record DoctorInvalidation(RedisAvailabilityCache cache, DoctorId doctor)
            implements LostInvalidations.Invalidation {
        public void run() {
            cache.invalidateWholeDoctor(doctor);
        }
    }

    /**
     * Whether entries may be read or stored now: nothing lost is still waiting, and the server is the one that took
     * every invalidation since (else all is dropped first). Throws when Redis cannot be asked.
     */
    private boolean trustworthy() {
        if (restarts.restartedSinceLastCheck()) {
            LOG.warn("Redis was restarted (its run_id changed): every availability entry it holds is dropped");
            dropEverything();
        }
        return lost.isEmpty() || lost.replay();
    }

    /** Deletes every key of this cache (all instances share them), e.g. after a restart from an old snapshot. */
    private void dropEverything() {
        redis.call(jedis -> {
            var params = new ScanParams().match(prefix + "*").count(1000);
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                var page = jedis.scan(cursor, params);
                if (!page.getResult().isEmpty()) {
                    for (String key : page.getResult()) {
                        jedis.del(key); // one by one: the keys of several doctors lie in several cluster slots
                    }
                }
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
            return null;
        });
    }

    private void invalidateDay(DoctorId doctor, LocalDate day) {
        String[] entries = Arrays.stream(AppointmentType.values())
                .map(type -> entryKey(doctor, day, type))
                .toArray(String[]::new);
        redis.call(jedis -> {
            try (var tx = jedis.multi()) { // fence first, in one transaction: no put can slip in between
                tx.set(dayFenceKey(doctor, day), "1", SetParams.setParams().px(fenceMillis));
                tx.del(entries);
                return tx.exec();
            }
        });
    }

    @Override
    public void invalidateDoctor(DoctorId doctor) {
        LostInvalidations.Invalidation invalidation = new DoctorInvalidation(this, doctor);
        try {
            invalidation.run();
        } catch (RuntimeException e) {
            lost.remember(invalidation);
            invalidationWarning.warn(
                    "Availability cache unavailable, invalidation of a doctor kept to be carried out when it answers",
                    e);
        }
    }

    private void invalidateWholeDoctor(DoctorId doctor) {
        redis.call(jedis -> {
            // Fence first: a put after it is refused, a put before it is in the set read next.
            jedis.set(doctorFenceKey(doctor), "1", SetParams.setParams().px(fenceMillis));
            var keys = new ArrayList<>(jedis.smembers(entriesKey(doctor)));
            keys.add(entriesKey(doctor));
            return jedis.del(keys.toArray(String[]::new));
        });
    }

    private String doctorPart(DoctorId doctor) {
        return prefix + "{" + doctor.value() + "}:";
    }

    private String entryKey(DoctorId doctor, LocalDate day, AppointmentType type) {
        return doctorPart(doctor) + day + ":" + type.code();
    }

    private String entriesKey(DoctorId doctor) {
        return doctorPart(doctor) + "entries";
    }

    private String dayFenceKey(DoctorId doctor, LocalDate day) {
        return doctorPart(doctor) + day + ":fence";
    }

    private String doctorFenceKey(DoctorId doctor) {
        return doctorPart(doctor) + "fence";
    }

    /** "start:end,start:end" in epoch seconds (with ".nanos" only when not whole); "" for a day without free slots. */
    static String encode(List<TimeSlot> slots) {
        var text = new StringBuilder(slots.size() * 22);
        for (TimeSlot slot : slots) {
            if (!text.isEmpty()) {
                text.append(',');
            }
            append(text, slot.start()).append(':');
            append(text, slot.end());
        }
        return text.toString();
    }

    static List<TimeSlot> decode(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        var slots = new ArrayList<TimeSlot>();
        for (String pair : text.split(",")) {
            int colon = pair.indexOf(':');
            slots.add(new TimeSlot(instant(pair.substring(0, colon)), instant(pair.substring(colon + 1))));
        }
        return List.copyOf(slots);
    }

    private static StringBuilder append(StringBuilder text, Instant instant) {
        text.append(instant.getEpochSecond());
        return instant.getNano() == 0 ? text : text.append('.').append(String.format("%09d", instant.getNano()));
    }

    private static Instant instant(String text) {
        int dot = text.indexOf('.');
        return dot < 0
                ? Instant.ofEpochSecond(Long.parseLong(text))
                : Instant.ofEpochSecond(
                        Long.parseLong(text.substring(0, dot)), Long.parseLong(text.substring(dot + 1)));
    }
}
