package com.cureka.appointments.adapters.http.testsupport;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * One browser tab (a fresh context of {@link Chromium#browser()}) on an app at {@code base}, whose clock stands at a
 * fixed {@code now} (so that "today" and "tomorrow" on the pages are the app's), watching for console errors, uncaught
 * exceptions and requests to other origins.
 */
public class ChromiumTab implements AutoCloseable {
    private static final String FAILED_RESOURCE = "Failed to load resource: the server responded with a status of ";

    public final BrowserContext context;
    public final Page page;
    private final String origin;
    private final List<String> consoleErrors = new ArrayList<>();
    private final List<String> pageErrors = new ArrayList<>();
    private final List<String> foreignRequests = new ArrayList<>();
    private final List<String> requests = new ArrayList<>();

    /** Skipped (a JUnit assumption) when Chromium is not installed. */
    public ChromiumTab(URI base, Instant now, int width, String timeZone) {
        origin = base.getScheme() + "://" + base.getAuthority();
        context = Chromium.browser()
                .newContext(new Browser.NewContextOptions()
                        .setViewportSize(width, 900)
                        .setTimezoneId(timeZone)
                        .setLocale("en-GB")
                        .setBaseURL(origin));
        context.clock().setFixedTime(now.toEpochMilli());
        context.onRequest(request -> {
            requests.add(request.method() + " " + request.url());
            if (!request.url().startsWith(origin + "/")) {
                foreignRequests.add(request.url());
            }
        });
        page = context.newPage();
        page.setDefaultTimeout(10_000);
        page.onConsoleMessage(message -> {
            if (message.type().equals("error")) {
                consoleErrors.add(message.text());
            }
        });
        page.onPageError(pageErrors::add);
    }

    /** Presses Tab until the focused element satisfies the JavaScript condition on {@code e}; fails after 60 presses. */
    public void tabUntil(String condition) {
        for (int i = 0; i < 60; i++) {
            page.keyboard().press("Tab");
            if (focused(condition)) {
                return;
            }
        }
        fail("no element with " + condition + " came into focus by Tab");
    }

    public boolean focused(String condition) {
        return Boolean.TRUE.equals(
                page.evaluate("() => { const e = document.activeElement; return !!(" + condition + "); }"));
    }

    /** Elements whose box reaches past the right edge of the viewport, and whether the page scrolls sideways. */
    @SuppressWarnings("unchecked")
    public List<String> overflowing() {
        return (List<String>) page.evaluate("""
                () => {
                  const width = document.documentElement.clientWidth;
                  const out = [];
                  if (document.documentElement.scrollWidth > width) out.push('page scrolls sideways: ' + document.documentElement.scrollWidth + ' > ' + width);
                  for (const e of document.querySelectorAll('body *')) {
                    const r = e.getBoundingClientRect();
                    if (r.width > 0 && r.right > width + 0.5) out.push(e.tagName + (e.id ? '#' + e.id : '') + ' right=' + r.right);
                  }
                  return out;
                }""");
    }

    /** Every request the tab made, as {@code METHOD url}, in order. */
    public List<String> requests() {
        return requests;
    }

    /**
     * No uncaught exception, no request to another origin, and no console error except the browser's note of an API
     * answer with one of the expected statuses (Chromium logs every 4xx a fetch receives).
     */
    public void assertClean(int... expectedStatuses) {
        assertThat(pageErrors).as("uncaught exceptions").isEmpty();
        assertThat(foreignRequests)
                .as("requests that left the origin " + origin)
                .isEmpty();
        var unexpected = consoleErrors.stream()
                .filter(text -> Arrays.stream(expectedStatuses)
                        .noneMatch(status -> text.startsWith(FAILED_RESOURCE + status + " ")))
                .toList();
        assertThat(unexpected).as("console errors").isEmpty();
    }

    @Override
    public void close() {
        context.close();
    }
}
