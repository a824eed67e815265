package com.cureka.appointments.adapters.postgres.jobs;

import com.cureka.appointments.application.port.jobs.JobRunner;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;

/**
 * The background jobs of every instance, each run on one instance at a time across the cluster.
 *
 * <ul>
 *   <li><b>Recurring runs</b> are db-scheduler 16 recurring tasks (fixed delay: the next run is due that long after the
 *   previous one ended) in the {@code scheduled_tasks} table, which Flyway creates (adapters-postgres, V6). Every
 *   instance polls the table; an execution that is due is picked by exactly one of them (an UPDATE on its row with
 *   an optimistic version), so each scheduled run happens once. An instance that dies while running a job stops its
 *   heartbeat; after {@link #MISSED_HEARTBEATS} missed beats another instance runs the job again.</li>
 *   <li><b>Manual runs</b> ({@link #runNow}) and recurring runs both hold a PostgreSQL session advisory lock per job,
 *   {@code pg_try_advisory_lock(hashtext('job:' || name))}, on a connection of their own for the length of the run. A
 *   run that does not get the lock does not wait: a manual run answers {@code skipped}, a recurring run is counted as
 *   done and comes again after its delay. So a job never runs twice at once, whether asked by an operator on any
 *   instance or by the schedule. If the lock's connection breaks during a run, PostgreSQL drops the lock with it and a
 *   second run could start: the jobs must stay safe to overlap (they are: each claims its rows).</li>
 * </ul>
 *
 * <p>The scheduler keeps to wall-clock time ({@link System#currentTimeMillis()}), not the application's
 * {@link java.time.Clock}: its due times and heartbeats are compared between instances, and a fixed or test clock would
 * stop it. The jobs themselves use whatever clock their use cases were given.
 *
 * <p>Connections: each running job holds one connection of {@code dataSource} for its lock beside those its own work
 * uses, and the scheduler borrows one briefly to poll and to beat its heart; size the pool for that.
 */
public final class ClusterJobs implements JobRunner, AutoCloseable {
    public static final String RECONCILE = "reconcile";
    public static final String REMINDERS = "reminders";
    public static final String PURGE = "purge";
    public static final Duration RECONCILE_EVERY = Duration.ofMinutes(15);
    public static final Duration REMINDERS_EVERY = Duration.ofMinutes(5);
    public static final Duration PURGE_EVERY = Duration.ofHours(1);
    public static final Duration DEFAULT_POLLING_INTERVAL = Duration.ofSeconds(10);
    /** How long {@link #stop} lets running executions finish before interrupting them (and as long again after). */
    public static final Duration DEFAULT_SHUTDOWN_WAIT = Duration.ofSeconds(10);

    static final Duration HEARTBEAT_INTERVAL = Duration.ofMinutes(1);
    static final int MISSED_HEARTBEATS = 6;
    /** db-scheduler's instance name of a recurring task: one execution row per job. */
    static final String TASK_INSTANCE = RecurringTask.INSTANCE;

    private static final Logger log = LoggerFactory.getLogger(ClusterJobs.class);

    private final DataSource dataSource;
    private final Map<String, Job> jobs;
    private final Scheduler scheduler;
    private final String instanceName;
    private boolean started;
    private boolean stopped;

    /**
     * The three jobs of the application on their standard schedules: {@value #RECONCILE} every 15 minutes,
     * {@value #REMINDERS} every 5 minutes and {@value #PURGE} every hour, polling every 10 seconds.
     */
    public static ClusterJobs standard(DataSource dataSource, Job reconcile, Job reminders, Job purge) {
        return standard(dataSource, RECONCILE_EVERY, reconcile, reminders, purge);
    }

    /**
     * As {@link #standard(DataSource, Job, Job, Job)}, with {@value #RECONCILE} due {@code reconcileEvery} after each
     * run; polling is as frequent as that when it is shorter than 10 seconds, so the interval is kept.
     */
    public static ClusterJobs standard(
            DataSource dataSource, Duration reconcileEvery, Job reconcile, Job reminders, Job purge) {
        var jobs = new LinkedHashMap<String, Job>();
        jobs.put(RECONCILE, reconcile);
        jobs.put(REMINDERS, reminders);
        jobs.put(PURGE, purge);
        return new ClusterJobs(
                dataSource,
                jobs,
                Map.of(RECONCILE, reconcileEvery, REMINDERS, REMINDERS_EVERY, PURGE, PURGE_EVERY),
                reconcileEvery.compareTo(DEFAULT_POLLING_INTERVAL) < 0 ? reconcileEvery : DEFAULT_POLLING_INTERVAL,
                DEFAULT_SHUTDOWN_WAIT);
    }

    /**
     * @param dataSource      the application's database, migrated (it must have {@code scheduled_tasks})
     * @param jobs            every job by name; each may be run by hand with {@link #runNow}
     * @param schedules       how long after a run ends the next is due, by job name; a job without one runs only by hand
     * @param pollingInterval how often this instance looks for due runs (also how late a run may start)
     * @param shutdownWait    how long {@link #stop} lets running executions finish before interrupting them
     */
    public ClusterJobs(
            DataSource dataSource,
            Map<String, Job> jobs,
            Map<String, Duration> schedules,
            Duration pollingInterval,
            Duration shutdownWait) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.jobs = Map.copyOf(jobs);
        Objects.requireNonNull(pollingInterval, "pollingInterval");
        Objects.requireNonNull(shutdownWait, "shutdownWait");
        this.jobs.keySet().forEach(ClusterJobs::checkName);
        for (var schedule : schedules.entrySet()) {
            if (!this.jobs.containsKey(schedule.getKey())) {
                throw new IllegalArgumentException("a schedule for the unknown job " + schedule.getKey());
            }
            if (schedule.getValue().isNegative() || schedule.getValue().isZero()) {
                throw new IllegalArgumentException("job " + schedule.getKey() + " must be due after a positive delay");
            }
        }
        if (pollingInterval.isNegative() || pollingInterval.isZero()) {
            throw new IllegalArgumentException("the polling interval must be positive");
        }
        var recurring = new ArrayList<RecurringTask<Void>>();
        schedules.forEach((name, every) -> recurring.add(
                Tasks.recurring(name, FixedDelay.of(every)).execute((instance, context) -> runScheduled(name))));
        this.instanceName = instanceName();
        // startTasks makes them known to the scheduler too, and schedules their first runs on start().
        this.scheduler = Scheduler.create(dataSource)
                .startTasks(recurring)
                .pollingInterval(pollingInterval)
                .heartbeatInterval(HEARTBEAT_INTERVAL)
                .missedHeartbeatsLimit(MISSED_HEARTBEATS)
                .threads(Math.max(1, recurring.size()))
                .schedulerName(new SchedulerName.Fixed(instanceName))
                .shutdownMaxWait(shutdownWait)
                .build();
    }

    /** Schedules each job's first run if the cluster has none yet (due at once), and starts polling for due runs. */
    public synchronized void start() {
        if (stopped) {
            throw new IllegalStateException("the jobs were stopped; build new ClusterJobs to run them again");
        }
        if (!started) {
            started = true;
            scheduler.start();
            log.info("background jobs {} started as {}", jobs.keySet(), instanceName);
        }
    }

    /**
     * Stops polling and lets running executions finish for the shutdown wait, then interrupts them (and waits as long
     * again). A run cut short this way is picked up again by another instance once its heartbeat is missed. Manual
     * runs in progress are their callers' and are not waited for.
     */
    public synchronized void stop() {
        if (started && !stopped) {
            scheduler.stop();
        }
        stopped = true;
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public Set<String> jobs() {
        return jobs.keySet();
    }

    /** Runs the job on this thread unless a run of it is in progress anywhere in the cluster (then {@code skipped}). */
    @Override
    public Optional<JobReport> runNow(String job) {
        if (!jobs.containsKey(job)) {
            return Optional.empty();
        }
        return Optional.of(runLocked(job).orElseGet(() -> new JobReport(job, true, Map.of())));
    }

    private void runScheduled(String job) {
        var report = runLocked(job);
        if (report.isEmpty()) {
            log.info("job {} skipped its scheduled run: a run of it is in progress elsewhere", job);
        } else {
            log.info("job {} ran: {}", job, report.get().counts());
        }
    }

    /** The job's report, or empty when another run of it holds the lock. A failing job's exception is passed on. */
    private Optional<JobReport> runLocked(String job) {
        Connection lock;
        try {
            lock = dataSource.getConnection();
        } catch (SQLException e) {
            throw new IllegalStateException("no connection for the lock of job " + job, e);
        }
        boolean locked = false;
        try {
            locked = advisory(lock, "SELECT pg_try_advisory_lock(hashtext(?))", job);
            if (!locked) {
                return Optional.empty();
            }
            return Optional.of(new JobReport(job, false, jobs.get(job).run()));
        } catch (SQLException e) {
            throw new IllegalStateException("could not take the lock of job " + job, e);
        } finally {
            release(lock, job, locked);
        }
    }

    /**
     * Unlocks and gives the connection back. A connection that cannot unlock is aborted instead of going back to the
     * pool with the lock: the lock ends with the session, and the pool drops the broken connection.
     */
    private static void release(Connection lock, String job, boolean locked) {
        try {
            if (locked && !advisory(lock, "SELECT pg_advisory_unlock(hashtext(?))", job)) {
                throw new SQLException("the lock of job " + job + " was not held any more");
            }
            lock.close();
        } catch (SQLException e) {
            log.warn("could not release the lock of job {}; dropping its connection", job, e);
            try {
                lock.abort(Runnable::run);
                lock.close();
            } catch (SQLException | RuntimeException ignored) {
                // The session is gone either way, and its advisory lock with it.
            }
        }
    }

    private static boolean advisory(Connection connection, String sql, String job) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, lockName(job));
            try (var result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    static String lockName(String job) {
        return "job:" + job;
    }

    private static void checkName(String name) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new IllegalArgumentException("a job needs a name of 1 to 100 characters, not " + name);
        }
    }

    /** Shown in {@code scheduled_tasks.picked_by}: the host, and what tells instances on one host apart. */
    private static String instanceName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + "#" + ProcessHandle.current().pid() + "-"
                + HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt());
    }
}
