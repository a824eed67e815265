package com.cureka.appointments.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;

/**
 * The database's floor for one booking: pgbench on {@code pgbench/floor.sql}, a single autocommit INSERT with
 * {@code nextval} inline into a table that has the doctor and the patient exclusion constraints and nothing else
 * ({@code pgbench/floor-schema.sql}). No app can book faster on this server while keeping both no-overlap promises,
 * so every booking figure is printed as a ratio of it, at the same client count.
 */
final class Floor {
    static final String SCRIPT = "floor";

    private Floor() {}

    /** Creates the floor's table in the pgbench database and writes the script; answers the script's path. */
    static Path prepare(ScratchDatabases databases, String url, Path workDirectory, String firstSlot) throws Exception {
        try (var connection = databases.connect(url);
                var statement = connection.createStatement()) {
            statement.execute(PgBench.resource("/pgbench/floor-schema.sql"));
        }
        Path script = workDirectory.resolve("pgbench-" + SCRIPT + ".sql");
        Files.writeString(script, PgBench.resource("/pgbench/floor.sql").replace("{{FIRST_SLOT}}", firstSlot));
        return script;
    }

    /** The HTTP levels and the pgbench levels together: the floor is needed at each. */
    static List<Integer> levels(Options options) {
        var levels = new TreeSet<Integer>(options.pgbenchLevels());
        if (options.runs("book")) {
            levels.addAll(options.levels());
        }
        return List.copyOf(levels);
    }
}
