package com.cureka.appointments.application.port.jobs;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Input port for operators: runs a background job now (reconcile, reminders, purge) and reports what it did.
 * Implementations make sure a run happens on one instance at a time across the cluster.
 */
public interface JobRunner {
    Set<String> jobs();

    /** Empty when no job has that name. */
    Optional<JobReport> runNow(String job);

    /** Counts by what happened, e.g. {@code {"sent": 3, "failed": 0}}; {@code skipped} when another instance was running it. */
    record JobReport(String job, boolean skipped, Map<String, Long> counts) {
        public JobReport {
            counts = Map.copyOf(counts);
        }
    }
}
