package com.cureka.appointments.adapters.postgres.jobs;

import com.cureka.appointments.adapters.postgres.PostgresDatabase;
import com.cureka.appointments.application.port.jobs.JobRunner.JobReport;
import com.cureka.appointments.testkit.postgres.TestDatabase;
import com.cureka.appointments.testkit.postgres.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two instances of the app on one database, as in production: each recurring run happens on one of them only, and a
 * run by hand never overlaps another run of the same job anywhere.
 */
class ClusterJobsTest {
    private static final Duration POLLING = Duration.ofMillis(100);
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(2);

    private static PostgresDatabase first;
    private static PostgresDatabase second;
    private final List<ClusterJobs> started = new ArrayList<>();

    @BeforeAll
    static void twoInstancesOnOneDatabase() {
        TestDatabase database = TestPostgres.freshDatabase();
        // The schema as the app has it, scheduled_tasks included: Flyway's migrations of adapters-postgres.
        PostgresDatabase.migrate(database.dataSource());
        first = start(database);
        second = start(database);
    }

    @AfterAll
    static void stopInstances() {
        first.close();
        second.close();
    }

    @BeforeEach
    void noTasksYet() {
        first.jdbi().useHandle(h -> {
            h.execute("TRUNCATE scheduled_tasks");
            h.execute("DROP TABLE IF EXISTS runs");
            h.execute(
                    "CREATE TABLE runs (execution_time timestamptz, instance text, started_at timestamptz, finished_at timestamptz)");
        });
    }

    @AfterEach
    void stopJobs() {
        started.forEach(ClusterJobs::stop);
    }

    @Test
    void each_scheduled_run_of_a_recurring_job_happens_on_one_instance_only() throws Exception {
        for (var instance : List.of(first, second)) {
            String name = instance == first ? "first" : "second";
            jobs(instance, Map.of("tick", () -> recordRun(instance, name)), Map.of("tick", Duration.ofMillis(300)))
                    .start();
        }

        Thread.sleep(3_000);
        started.forEach(ClusterJobs::stop);

        var runs = first.jdbi()
                .withHandle(h -> h.createQuery(
                                "SELECT execution_time, started_at, finished_at FROM runs ORDER BY started_at")
                        .map((rs, ctx) -> new Run(
                                rs.getObject(1, OffsetDateTime.class).toInstant(),
                                rs.getObject(2, OffsetDateTime.class).toInstant(),
                                rs.getObject(3, OffsetDateTime.class).toInstant()))
                        .list());
        assertThat(runs).hasSizeGreaterThanOrEqualTo(4);
        assertThat(runs)
                .extracting(Run::executionTime)
                .as("each scheduled execution ran once")
                .doesNotHaveDuplicates()
                .isSorted();
        for (int i = 1; i < runs.size(); i++) {
            assertThat(runs.get(i).startedAt())
                    .as("run %d starts after run %d ended", i, i - 1)
                    .isAfterOrEqualTo(runs.get(i - 1).finishedAt());
        }
        assertThat(count("SELECT count(*) FROM scheduled_tasks WHERE task_name = 'tick'"))
                .isEqualTo(1);
    }

    private record Run(Instant executionTime, Instant startedAt, Instant finishedAt) {}

    /** Notes which scheduled execution this is (its row in scheduled_tasks, picked by this instance) and how long it took. */
    private static Map<String, Long> recordRun(PostgresDatabase instance, String name) {
        instance.jdbi().useHandle(h -> h.execute("""
                INSERT INTO runs (execution_time, instance, started_at, finished_at)
                SELECT execution_time, ?, clock_timestamp(), clock_timestamp() + interval '150 milliseconds'
                  FROM scheduled_tasks WHERE task_name = 'tick' AND picked
                """, name));
        sleep(150);
        return Map.of("ran", 1L);
    }

    @Test
    void two_instances_asked_to_run_a_job_at_the_same_moment_run_it_once_and_the_other_says_skipped() throws Exception {
        var executions = new AtomicInteger();
        Job slow = () -> {
            executions.incrementAndGet();
            sleep(500);
            return Map.of("done", 1L);
        };
        var instances =
                List.of(jobs(first, Map.of("purge", slow), Map.of()), jobs(second, Map.of("purge", slow), Map.of()));
        var barrier = new CyclicBarrier(2);
        var executor = Executors.newFixedThreadPool(2);
        List<JobReport> reports = new ArrayList<>();
        try {
            var futures = instances.stream()
                    .map(jobs -> executor.submit(() -> {
                        barrier.await();
                        return jobs.runNow("purge").orElseThrow();
                    }))
                    .toList();
            for (var future : futures) {
                reports.add(future.get(10, TimeUnit.SECONDS));
            }
        } finally {
            executor.shutdownNow();
        }

        assertThat(executions).hasValue(1);
        assertThat(reports)
                .containsExactlyInAnyOrder(
                        new JobReport("purge", false, Map.of("done", 1L)), new JobReport("purge", true, Map.of()));
    }

    @Test
    void a_run_by_hand_while_the_scheduled_run_is_in_progress_on_another_instance_is_skipped() throws Exception {
        var entered = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var executions = new AtomicInteger();
        Job blocking = () -> {
            executions.incrementAndGet();
            entered.countDown();
            await(release);
            return Map.of("done", 1L);
        };
        // Scheduled hourly: the first run is due at once.
        jobs(first, Map.of("reconcile", blocking), Map.of("reconcile", Duration.ofHours(1)))
                .start();
        var other = jobs(second, Map.of("reconcile", blocking), Map.of());
        assertThat(entered.await(5, TimeUnit.SECONDS))
                .as("the scheduled run started")
                .isTrue();

        assertThat(other.runNow("reconcile")).contains(new JobReport("reconcile", true, Map.of()));

        release.countDown();
        assertThat(executions).hasValue(1);
    }

    @Test
    void a_scheduled_run_that_finds_a_run_by_hand_in_progress_skips_and_comes_again_after_its_delay() throws Exception {
        var byHand = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var executions = new AtomicInteger();
        Job job = () -> {
            if (executions.incrementAndGet() == 1) {
                byHand.countDown();
                await(release);
            }
            return Map.of();
        };
        var manual = jobs(first, Map.of("reminders", job), Map.of());
        var executor = Executors.newSingleThreadExecutor();
        try {
            var manualRun = executor.submit(() -> manual.runNow("reminders"));
            assertThat(byHand.await(5, TimeUnit.SECONDS)).isTrue();

            jobs(second, Map.of("reminders", job), Map.of("reminders", Duration.ofMillis(500)))
                    .start();
            Thread.sleep(700);
            assertThat(executions).as("the scheduled run found the lock taken").hasValue(1);

            release.countDown();
            assertThat(manualRun.get(5, TimeUnit.SECONDS)).contains(new JobReport("reminders", false, Map.of()));
            waitUntil(() -> executions.get() >= 2, Duration.ofSeconds(5));
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void runs_by_hand_one_after_the_other_all_run_also_after_a_failure() {
        var executions = new AtomicInteger();
        var jobs = jobs(
                first,
                Map.of("purge", () -> {
                    if (executions.incrementAndGet() == 2) {
                        throw new IllegalStateException("database hiccup");
                    }
                    return Map.of("purged", 7L);
                }),
                Map.of());

        assertThat(jobs.runNow("purge")).contains(new JobReport("purge", false, Map.of("purged", 7L)));
        assertThatThrownBy(() -> jobs.runNow("purge")).hasMessage("database hiccup");
        assertThat(jobs.runNow("purge")).contains(new JobReport("purge", false, Map.of("purged", 7L)));
        assertThat(count("""
                SELECT count(*) FROM pg_locks
                 WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                """)).as("no lock left behind").isZero();
    }

    @Test
    void an_unknown_job_has_no_report_and_the_known_ones_are_listed() {
        var jobs =
                jobs(first, Map.of("purge", Map::of, "reminders", Map::of), Map.of("reminders", Duration.ofHours(1)));

        assertThat(jobs.runNow("vacuum")).isEqualTo(Optional.empty());
        assertThat(jobs.jobs()).containsExactlyInAnyOrder("purge", "reminders");
    }

    @Test
    void stopping_lets_a_running_execution_finish() throws Exception {
        var entered = new CountDownLatch(1);
        var finished = new AtomicReference<Boolean>(false);
        var jobs = jobs(
                first,
                Map.of("purge", () -> {
                    entered.countDown();
                    sleep(500);
                    finished.set(true);
                    return Map.of();
                }),
                Map.of("purge", Duration.ofHours(1)));
        jobs.start();
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();

        jobs.stop();

        assertThat(finished.get()).isTrue();
        assertThat(
                        count(
                                "SELECT count(*) FROM scheduled_tasks WHERE task_name = 'purge' AND NOT picked AND execution_time > now()"))
                .as("the next run is scheduled in an hour")
                .isEqualTo(1);
    }

    @Test
    void the_standard_jobs_are_reconcile_reminders_and_purge_and_a_schedule_needs_a_known_job() {
        var standard = ClusterJobs.standard(first.dataSource(), Map::of, Map::of, Map::of);
        started.add(standard);
        assertThat(standard.jobs()).containsExactlyInAnyOrder("reconcile", "reminders", "purge");

        assertThatThrownBy(() -> new ClusterJobs(
                        first.dataSource(),
                        Map.of("purge", Map::of),
                        Map.of("vacuum", Duration.ofHours(1)),
                        POLLING,
                        SHUTDOWN_WAIT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClusterJobs(
                        first.dataSource(),
                        Map.of("purge", Map::of),
                        Map.of("purge", Duration.ZERO),
                        POLLING,
                        SHUTDOWN_WAIT))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_shorter_reconcile_interval_given_at_a_restart_brings_the_next_run_forward_and_keeps_to_it()
            throws Exception {
        var firstLife = ClusterJobs.standard(first.dataSource(), Map::of, Map::of, Map::of);
        started.add(firstLife);
        firstLife.start();
        awaitCount(
                "SELECT count(*) FROM scheduled_tasks WHERE task_name = 'reconcile' AND NOT picked"
                        + " AND execution_time > now() + interval '10 minutes'",
                Duration.ofSeconds(15));
        firstLife.stop();
        var runs = new AtomicInteger();

        // As after a restart with RECONCILE_INTERVAL_SECONDS=1: the stored run, 15 minutes away, comes forward, and
        // polling follows the interval (it would otherwise be every 10 s).
        var restarted = ClusterJobs.standard(
                first.dataSource(),
                Duration.ofSeconds(1),
                () -> Map.of("runs", (long) runs.incrementAndGet()),
                Map::of,
                Map::of);
        started.add(restarted);
        restarted.start();
        Thread.sleep(4_500);

        assertThat(runs.get()).isGreaterThanOrEqualTo(2);
    }

    private void awaitCount(String sql, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (count(sql) != 1) {
            assertThat(System.nanoTime()).as("not within " + limit + ": " + sql).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private ClusterJobs jobs(PostgresDatabase instance, Map<String, Job> jobs, Map<String, Duration> schedules) {
        var clusterJobs = new ClusterJobs(instance.dataSource(), jobs, schedules, POLLING, SHUTDOWN_WAIT);
        started.add(clusterJobs);
        return clusterJobs;
    }

    private static PostgresDatabase start(TestDatabase database) {
        return PostgresDatabase.start(database.jdbcUrl(), database.user(), database.password(), 5);
    }

    private long count(String sql) {
        return first.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    private static void waitUntil(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited %s", timeout).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
