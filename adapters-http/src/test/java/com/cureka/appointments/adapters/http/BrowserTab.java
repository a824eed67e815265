package com.cureka.appointments.adapters.http;

import com.cureka.appointments.adapters.http.testsupport.ChromiumTab;

/**
 * One browser tab on a {@link TestClinic}, whose clock stands at the clinic's "now" (so that "today" and "tomorrow"
 * on the pages are the clinic's), watching for console errors, uncaught exceptions and requests to other origins.
 */
final class BrowserTab extends ChromiumTab {
    BrowserTab(TestClinic clinic, int width, String timeZone) {
        super(clinic.uri("/"), TestClinic.NOW, width, timeZone);
    }

    BrowserTab(TestClinic clinic) {
        this(clinic, 1280, "Asia/Kolkata");
    }
}
