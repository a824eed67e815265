package com.cureka.appointments.adapters.http.testsupport;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Debian's Chromium ({@code /usr/bin/chromium}, or {@code CHROMIUM_PATH}) driven by Playwright, launched once per test
 * JVM. Playwright's own browser download is skipped ({@code PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1}, also set by the pom).
 * Without Chromium the browser tests are skipped, saying how to enable them. Published in this module's test-jar
 * (with {@link ChromiumTab}) for the end-to-end browser tests of {@code bootstrap}.
 */
public final class Chromium {
    public static final Path EXECUTABLE = Path.of(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));
    public static final String HOW_TO_ENABLE = "Browser tests skipped: no Chromium at " + EXECUTABLE
            + "; install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH to run them";

    private static Playwright playwright;
    private static Browser browser;

    private Chromium() {}

    public static boolean installed() {
        return Files.isExecutable(EXECUTABLE);
    }

    /** A JUnit assumption: the test is skipped, saying how to enable it, when Chromium is not there. */
    public static void assumeInstalled() {
        assumeTrue(installed(), HOW_TO_ENABLE);
    }

    /** The one browser of this JVM; a JUnit assumption fails (the test is skipped) when Chromium is not there. */
    public static synchronized Browser browser() {
        assumeInstalled();
        if (browser == null) {
            playwright = Playwright.create(
                    new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
            browser = playwright
                    .chromium()
                    .launch(new BrowserType.LaunchOptions()
                            .setExecutablePath(EXECUTABLE)
                            .setHeadless(true)
                            .setArgs(List.of(
                                    "--no-sandbox",
                                    "--disable-background-networking",
                                    "--disable-component-update",
                                    "--no-first-run",
                                    "--disable-sync")));
            Runtime.getRuntime().addShutdownHook(new Thread(Chromium::close));
        }
        return browser;
    }

    private static synchronized void close() {
        if (playwright != null) {
            playwright.close();
        }
    }
}
