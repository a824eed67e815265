package com.cureka.appointments.testkit.availability;

import com.cureka.appointments.application.memory.InProcessBookingRateLimiter;
import com.cureka.appointments.application.port.availability.BookingRateLimiter;
import com.cureka.appointments.application.port.availability.RateLimit;

import java.time.Clock;

class InProcessBookingRateLimiterContractTest extends BookingRateLimiterContract {
    @Override
    protected BookingRateLimiter newLimiter(RateLimit limit, Clock clock) {
        return new InProcessBookingRateLimiter(limit, clock);
    }
}
