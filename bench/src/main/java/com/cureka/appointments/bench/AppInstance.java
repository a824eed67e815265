package com.cureka.appointments.bench;

import com.cureka.appointments.bootstrap.Application;

/** One running app instance that load is sent to: in this JVM, or in a child JVM of its own ({@link ChildJvm}). */
interface AppInstance {
    int port();

    /** The child JVM's pid, whose CPU the levels report; -1 for an app in this JVM. */
    long pid();

    /** Stops the instance cleanly; never throws. */
    void stop();

    /** {@code --app=in-process}: {@link Application#start} in the benchmark's JVM, sharing it with the clients. */
    record InProcess(Application app) implements AppInstance {
        @Override
        public int port() {
            return app.port();
        }

        @Override
        public long pid() {
            return -1;
        }

        @Override
        public void stop() {
            app.stop();
        }
    }
}
