package com.cureka.appointments.adapters.http;

import com.cureka.appointments.application.port.jobs.JobRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class RunningAJobTest {
    private final FakeJobs jobs = new FakeJobs();
    private final TestClinic clinic =
            TestClinic.open(TestClinic.Options.standard().withJobs(jobs));

    @AfterEach
    void close() {
        clinic.close();
    }

    private TestClinic.Response run(String job, String token) {
        return clinic.send(
                clinic.request("/api/v1/admin/jobs/" + job + "/run", token).POST(HttpRequest.BodyPublishers.noBody()));
    }

    @Test
    void an_admin_runs_a_job_now_and_reads_what_it_did() {
        var response = run("reminders", clinic.tokens.admin());

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(jobs.ran).containsExactly("reminders");
        assertThat(response.at("/data/job").asText()).isEqualTo("reminders");
        assertThat(response.at("/data/skipped").asBoolean()).isFalse();
        assertThat(response.at("/data/counts/sent").asLong()).isEqualTo(3);
        assertThat(response.at("/data/counts/failed").asLong()).isZero();
        assertThat(response.at("/data/counts").fieldNames()).toIterable().containsExactly("failed", "sent");
    }

    @Test
    void a_run_another_instance_was_doing_already_is_reported_as_skipped() {
        var response = run("purge", clinic.tokens.admin());

        assertThat(response.at("/data/skipped").asBoolean()).isTrue();
        assertThat(response.at("/data/counts")).isEmpty();
    }

    @Test
    void an_unknown_job_is_not_found() {
        var response = run("backup", clinic.tokens.admin());

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.code()).isEqualTo("NOT_FOUND");
        assertThat(jobs.ran).isEmpty();
    }

    @Test
    void only_an_admin_may_run_jobs() {
        assertThat(run("reminders", clinic.tokens.patient(UUID.randomUUID())).status())
                .isEqualTo(403);
        assertThat(run("reminders", null).status()).isEqualTo(401);
        assertThat(jobs.ran).isEmpty();
    }

    /** Knows reminders (which sends three) and purge (which another instance is running). */
    private static final class FakeJobs implements JobRunner {
        final List<String> ran = new ArrayList<>();

        public Set<String> jobs() {
            return Set.of("reconcile", "reminders", "purge");
        }

        public synchronized Optional<JobReport> runNow(String job) {
            return switch (job) {
                case "reminders" -> {
                    ran.add(job);
                    yield Optional.of(new JobReport(job, false, Map.of("sent", 3L, "failed", 0L)));
                }
                case "purge" -> Optional.of(new JobReport(job, true, Map.of()));
                default -> Optional.empty();
            };
        }
    }
}
