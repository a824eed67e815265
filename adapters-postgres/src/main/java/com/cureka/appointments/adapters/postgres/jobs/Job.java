package com.cureka.appointments.adapters.postgres.jobs;

import java.util.Map;

/**
 * One background job as {@link ClusterJobs} runs it: does its work once and says what it did, as counts by what
 * happened (e.g. {@code {"sent": 3, "failed": 0}}), which become the {@code JobReport} of a manual run.
 */
@FunctionalInterface
public interface Job {
    Map<String, Long> run();
}
