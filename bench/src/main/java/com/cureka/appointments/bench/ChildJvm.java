package com.cureka.appointments.bench;

import com.cureka.appointments.bootstrap.Main;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code --app=process}: the app started as in production ({@code bootstrap}'s {@link Main}, settings from the
 * environment) in a JVM of its own, so that its CPU can be told apart from the load generator's. The same JDK as
 * this one, the bench jar as class path (it holds the app), the JDK's default flags: flags given to the benchmark
 * (a JFR recording, say) stay with the load generator.
 */
final class ChildJvm implements AppInstance {
    static final Duration READY_WITHIN = Duration.ofSeconds(60);
    static final Duration STOP_WITHIN = Duration.ofSeconds(20);

    /** Variables the child keeps from ours; anything else (a stray DATABASE_URL in the shell) would change its settings. */
    private static final Set<String> INHERITED = Set.of("PATH", "HOME", "TMPDIR", "LANG", "LC_ALL", "TZ");

    /** Every child not yet stopped, for the shutdown hook: a benchmark stopped by Ctrl-C must not leave apps behind. */
    private static final Set<ChildJvm> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> List.copyOf(LIVE).forEach(ChildJvm::stop), "stop-app-jvms"));
    }

    private final Process process;
    private final int port;
    private final Path log;

    private ChildJvm(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the app with {@code settings} (PORT is chosen here), its output into {@code log}; waits until ready. */
    static ChildJvm start(Map<String, String> settings, Path log) throws IOException {
        int port = freePort();
        var command = List.of(
                javaExecutable(),
                // The bench jar's logback.xml writes the app's JSON log to this file; appending, as the console
                // output is appended there too (two writers at their own offsets would overwrite each other).
                "-Dbench.log=" + log,
                "-Dbench.log.append=true",
                "-cp",
                classPath(),
                Main.class.getName());
        Files.write(log, new byte[0]);
        var builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().keySet().retainAll(INHERITED);
        builder.environment().putAll(settings);
        builder.environment().put("PORT", Integer.toString(port));
        var child = new ChildJvm(builder.start(), port, log);
        LIVE.add(child);
        try {
            child.awaitReady();
        } catch (IOException | RuntimeException e) {
            child.stop();
            throw e;
        }
        return child;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    /** SIGTERM (the app's shutdown hook drains and closes), then SIGKILL if it is not gone within 20 s. */
    @Override
    public void stop() {
        LIVE.remove(this);
        process.destroy();
        try {
            if (!process.waitFor(STOP_WITHIN.toSeconds(), TimeUnit.SECONDS)) {
                System.out.printf("  app pid %d did not stop within %d s: killed%n", pid(), STOP_WITHIN.toSeconds());
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Polls {@code GET /health/ready} (the database answers, migrations ran) until 200, for at most 60 s. */
    private void awaitReady() throws IOException {
        var ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                .timeout(Duration.ofSeconds(2))
                .build();
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        try (var client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()) {
            while (true) {
                if (!process.isAlive()) {
                    throw new IOException(
                            "the app (pid %d) exited with status %d before it was ready; its log %s ends with:%n%s"
                                    .formatted(pid(), process.exitValue(), log, tail(log)));
                }
                try {
                    if (client.send(ready, HttpResponse.BodyHandlers.discarding())
                                    .statusCode()
                            == 200) {
                        return;
                    }
                } catch (IOException notListeningYet) {
                    // retried below
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException("the app (pid %d) was not ready within %d s on port %d; see %s"
                            .formatted(pid(), READY_WITHIN.toSeconds(), port, log));
                }
                Thread.sleep(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the app", e);
        }
    }

    /** A port nobody listens on now; the child binds it a moment later (another process could, in between). */
    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String javaExecutable() {
        return ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** The shaded bench jar this class was loaded from; from an IDE (classes directories), this JVM's class path. */
    private static String classPath() {
        try {
            var source = Path.of(ChildJvm.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            if (Files.isRegularFile(source)) {
                return source.toString();
            }
        } catch (URISyntaxException | RuntimeException e) {
            // fall through
        }
        return System.getProperty("java.class.path");
    }

    private static String tail(Path log) {
        try {
            var lines = Files.readAllLines(log);
            return String.join("\n", new ArrayList<>(lines.subList(Math.max(0, lines.size() - 20), lines.size())));
        } catch (IOException | RuntimeException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
