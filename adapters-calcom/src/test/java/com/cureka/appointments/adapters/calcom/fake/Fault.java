package com.cureka.appointments.adapters.calcom.fake;

import java.time.Duration;

/** A failure the fake plays on the next request, on demand. */
sealed interface Fault {
    /** Answer this status with Cal.com's error envelope, without doing anything. */
    record Fail(int status) implements Fault {}

    /** Answer 429 as the throttler does, with the X-RateLimit-*-Default headers. */
    record RateLimit() implements Fault {}

    /** Do the work (a booking is stored), then hold the answer back this long. */
    record Delay(Duration delay) implements Fault {}

    /** Hold the request this long, then drop the connection without doing anything. */
    record Hang(Duration delay) implements Fault {}

    /** Do the work (a booking is stored), then drop the connection without answering. */
    record DropAfterStoring() implements Fault {}
}
