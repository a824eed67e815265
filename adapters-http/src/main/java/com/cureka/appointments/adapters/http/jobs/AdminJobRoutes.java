package com.cureka.appointments.adapters.http.jobs;

import com.cureka.appointments.adapters.http.auth.Access;
import com.cureka.appointments.adapters.http.auth.Caller;
import com.cureka.appointments.adapters.http.error.ApiException;
import com.cureka.appointments.adapters.http.error.ErrorCode;
import com.cureka.appointments.adapters.http.json.Envelope;
import com.cureka.appointments.application.access.Role;
import com.cureka.appointments.application.port.jobs.JobRunner;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;

import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code POST /api/v1/admin/jobs/{job}/run}: an operator (or a test) runs a background job now. The runner
 * makes sure it runs once across instances; {@code skipped} says another instance was running it already.
 */
public final class AdminJobRoutes {
    private final JobRunner jobs;

    public AdminJobRoutes(JobRunner jobs) {
        this.jobs = jobs;
    }

    /** {@code counts} by name, in alphabetical order. */
    record JobRun(String job, boolean skipped, Map<String, Long> counts) {}

    public void addTo(JavalinDefaultRouting routes) {
        routes.post("/api/v1/admin/jobs/{job}/run", Access.only(Role.ADMIN, this::run));
    }

    private void run(Context ctx, Caller caller) {
        String job = ctx.pathParam("job");
        var report = jobs.runNow(job)
                .orElseThrow(() -> ApiException.of(
                        ErrorCode.NOT_FOUND,
                        "No such job; the jobs are " + String.join(", ", new TreeSet<>(jobs.jobs()))));
        ctx.json(Envelope.ok(new JobRun(report.job(), report.skipped(), new TreeMap<>(report.counts()))));
    }
}
