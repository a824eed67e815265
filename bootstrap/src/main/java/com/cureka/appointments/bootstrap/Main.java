package com.cureka.appointments.bootstrap;

import java.time.Clock;

/** Starts the app from environment variables and stops it cleanly on SIGTERM. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        Settings settings;
        try {
            settings = Settings.fromEnvironment();
        } catch (SettingsException e) {
            e.problems().forEach(System.err::println);
            System.exit(2);
            return;
        }
        long started = System.nanoTime();
        var app = Application.start(settings, Clock.systemUTC());
        Runtime.getRuntime().addShutdownHook(new Thread(app::stop, "shutdown"));
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (app.devSecret() != null) {
            System.out.println(DevBanner.render(settings, app.port(), app.devSecret(), Clock.systemUTC(), millis));
        } else {
            System.out.printf("Appointments API listening on port %d (ready in %d ms)%n", app.port(), millis);
        }
    }
}
