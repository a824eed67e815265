package com.cureka.appointments.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a JFR recording of a benchmark run and tells where the app's request threads spent their CPU: the share
 * of samples inside each stage of a request (inclusive), and each library's own share (exclusive; JDK frames are
 * charged to the nearest library or app frame that called them). Usage:
 *
 * <pre>
 * java -XX:StartFlightRecording=filename=book.jfr,settings=profile,jdk.CPUTimeSample#enabled=true,jdk.CPUTimeSample#throttle=10ms \
 *      -jar bench/target/bench.jar --scenarios=book --levels=64 --duration=20s
 * java -cp bench/target/bench.jar com.cureka.appointments.bench.JfrStages book.jfr [route-marker]
 * </pre>
 *
 * {@code jdk.CPUTimeSample} (JDK 25, Linux) samples CPU time, native code and system calls included; without it
 * the classic {@code jdk.ExecutionSample} (Java code only) is used. {@code route-marker} keeps the samples whose
 * stack contains it, e.g. {@code AppointmentRoutes.book} or {@code DoctorRoutes.slots}; {@code A!B} keeps those
 * through A and not through B (e.g. {@code DoctorRoutes.slots!SlotFinder.compute}: cache hits only).
 */
public final class JfrStages {
    private static final Map<String, String> STAGES = new LinkedHashMap<>();
    private static final Map<String, String> LIBRARIES = new LinkedHashMap<>();

    static {
        STAGES.put("JWT verification", "adapters.http.auth.TokenVerifier.verify");
        STAGES.put("request JSON read + Bean Validation", "adapters.http.request.JsonBody.");
        STAGES.put("rate limiter", "RateLimiter.tryAcquire");
        STAGES.put("doctor lookup (JdbiDoctors.byId)", "adapters.postgres.JdbiDoctors.byId");
        STAGES.put("number (PostgresAppointmentNumbers.next)", "adapters.postgres.PostgresAppointmentNumbers.next");
        STAGES.put("booking transaction (JdbiAppointments.hold)", "adapters.postgres.JdbiAppointments.hold");
        STAGES.put(
                "audit trail read for the answer (JdbiAppointments.history)",
                "adapters.postgres.JdbiAppointments.history");
        STAGES.put(
                "Cal.com: POST /v2/bookings (CalComCalendarGateway.book)",
                "adapters.calcom.CalComCalendarGateway.book");
        STAGES.put("Cal.com: mark SCHEDULED (JdbiAppointments.replace)", "adapters.postgres.JdbiAppointments.replace");
        STAGES.put("cache invalidate", "AvailabilityCache.invalidate");
        STAGES.put("slots: SlotFinder.freeSlots (all)", "availability.SlotFinder.freeSlots");
        STAGES.put("slots: cache miss (SlotFinder.compute)", "availability.SlotFinder.compute");
        STAGES.put("slots: appointments query (holdingSlotsOfDoctor)", "JdbiAppointments.holdingSlotsOfDoctor");
        STAGES.put("slots: answer view (SlotsView.of)", "SlotsView.of");
        STAGES.put("response JSON (Javalin ctx.json)", "io.javalin.http.Context.json");
        STAGES.put("access log line", "adapters.http.ops.AccessLog.");
        STAGES.put("request metrics (micrometer)", "io.micrometer.");
        STAGES.put("Jetty HTTP parsing", "org.eclipse.jetty.http.HttpParser.parseNext");
        STAGES.put("Javalin handlers (everything routed)", "io.javalin.http.servlet.JavalinServlet.handle");
        STAGES.put("Jdbi handle open", "org.jdbi.v3.core.Jdbi.open");
        STAGES.put("Jdbi handle close", "org.jdbi.v3.core.Handle.close");
        STAGES.put("Jdbi statement execution (all)", "org.jdbi.v3.core.statement.SqlStatement.internalExecute");
        STAGES.put("pgjdbc protocol (QueryExecutorImpl.execute)", "org.postgresql.core.v3.QueryExecutorImpl.execute");
        STAGES.put("Hikari getConnection", "com.zaxxer.hikari.HikariDataSource.getConnection");

        LIBRARIES.put("com.cureka.", "app code");
        LIBRARIES.put("com.auth0.", "java-jwt");
        LIBRARIES.put("com.fasterxml.jackson.", "Jackson");
        LIBRARIES.put("org.hibernate.validator.", "Hibernate Validator");
        LIBRARIES.put("jakarta.validation.", "Hibernate Validator");
        LIBRARIES.put("org.postgresql.", "pgjdbc");
        LIBRARIES.put("com.zaxxer.hikari.", "HikariCP");
        LIBRARIES.put("org.jdbi.", "Jdbi");
        LIBRARIES.put("ch.qos.logback.", "logback (+ logstash encoder)");
        LIBRARIES.put("net.logstash.", "logback (+ logstash encoder)");
        LIBRARIES.put("org.slf4j.", "logback (+ logstash encoder)");
        LIBRARIES.put("io.micrometer.", "micrometer");
        LIBRARIES.put("io.javalin.", "Javalin");
        LIBRARIES.put("kotlin.", "Javalin");
        LIBRARIES.put("org.eclipse.jetty.", "Jetty");
        LIBRARIES.put("okhttp3.", "OkHttp");
        LIBRARIES.put("okio.", "OkHttp");
        LIBRARIES.put("io.github.resilience4j.", "resilience4j");
    }

    private JfrStages() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: JfrStages recording.jfr [route-marker] [thread-name-part (default Jetty)]");
            System.exit(2);
        }
        String marker = args.length > 1 ? args[1] : null;
        String threadPart = args.length > 2 ? args[2] : "Jetty";
        String include = marker == null ? null : marker.split("!")[0];
        String exclude = marker != null && marker.contains("!") ? marker.split("!")[1] : null;
        List<RecordedEvent> cpu = new ArrayList<>();
        List<RecordedEvent> execution = new ArrayList<>();
        try (var file = new RecordingFile(Path.of(args[0]))) {
            while (file.hasMoreEvents()) {
                var event = file.readEvent();
                switch (event.getEventType().getName()) {
                    case "jdk.CPUTimeSample" -> cpu.add(event);
                    case "jdk.ExecutionSample" -> execution.add(event);
                    default -> {}
                }
            }
        }
        var samples = cpu.isEmpty() ? execution : cpu;
        String kind = cpu.isEmpty()
                ? "jdk.ExecutionSample (Java code only)"
                : "jdk.CPUTimeSample (CPU time, native included)";
        var byThreadGroup = new TreeMap<String, Integer>();
        var stageCounts = new LinkedHashMap<String, Integer>();
        var libraryCounts = new TreeMap<String, Integer>();
        int kept = 0;
        for (var sample : samples) {
            var thread = sample.getThread(
                    sample.hasField("eventThread")
                                    && sample.getEventType().getName().equals("jdk.CPUTimeSample")
                            ? "eventThread"
                            : "sampledThread");
            String name = thread == null || thread.getJavaName() == null ? "" : thread.getJavaName();
            byThreadGroup.merge(group(name), 1, Integer::sum);
            if (!name.contains(threadPart) || sample.getStackTrace() == null) {
                continue;
            }
            var frames = sample.getStackTrace().getFrames().stream()
                    .map(JfrStages::name)
                    .toList();
            if (marker != null
                    && (frames.stream().noneMatch(f -> f.contains(include))
                            || (exclude != null && frames.stream().anyMatch(f -> f.contains(exclude))))) {
                continue;
            }
            kept++;
            STAGES.forEach((stage, text) -> {
                if (frames.stream().anyMatch(f -> matches(f, text))) {
                    stageCounts.merge(stage, 1, Integer::sum);
                }
            });
            libraryCounts.merge(owner(frames), 1, Integer::sum);
        }
        int total = samples.size();
        System.out.printf("%s: %d samples in all%n", kind, total);
        byThreadGroup.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(e -> System.out.printf("  %5.1f%%  %s%n", 100.0 * e.getValue() / total, e.getKey()));
        System.out.printf(
                "%nthreads matching '%s'%s: %d samples%n",
                threadPart, marker == null ? "" : ", stacks through " + marker, kept);
        if (kept == 0) {
            return;
        }
        System.out.println("inclusive share by stage:");
        for (var stage : STAGES.keySet()) {
            int n = stageCounts.getOrDefault(stage, 0);
            if (n > 0) {
                System.out.printf("  %5.1f%%  %s%n", 100.0 * n / kept, stage);
            }
        }
        System.out.println("exclusive share by library (JDK frames charged to their nearest caller):");
        int keptTotal = kept;
        libraryCounts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(e -> System.out.printf("  %5.1f%%  %s%n", 100.0 * e.getValue() / keptTotal, e.getKey()));
    }

    /** A method ({@code …Class.method}, matched at the end) or a package or class prefix (ending in a dot). */
    private static boolean matches(String frame, String marker) {
        return marker.endsWith(".") ? frame.startsWith(marker) || frame.contains("." + marker) : frame.endsWith(marker);
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static String owner(List<String> frames) {
        if (!frames.isEmpty() && frames.getFirst().startsWith("sun.nio.ch.")) {
            return "socket system calls";
        }
        for (String frame : frames) {
            for (var library : LIBRARIES.entrySet()) {
                if (frame.startsWith(library.getKey())) {
                    return library.getValue();
                }
            }
        }
        return "JDK only";
    }

    private static String group(String thread) {
        if (thread.contains("Jetty")) {
            return "app: Jetty request threads";
        }
        if (thread.startsWith("bench-client")) {
            return "load generator (bench-client-*)";
        }
        if (thread.isEmpty()) {
            return "unnamed (virtual threads: the fake Cal.com)";
        }
        return "other: " + thread.replaceAll("[-#]?\\d+$", "");
    }
}
