package com.cureka.appointments.domain.schedule;

/** Where a requested slot falls relative to a doctor's schedule. */
public enum Placement {
    /** Wholly inside a working period and on its slot grid. */
    ON_GRID,
    /** Wholly inside a working period but not starting on the grid. */
    OFF_GRID,
    /** Not wholly inside any working period of that day. */
    OUTSIDE_WORKING_HOURS,
    /** Inside working hours and on the grid, but the doctor has time off then. */
    TIME_OFF
}
