package com.cureka.appointments.adapters.calcom;

import com.cureka.appointments.adapters.calcom.fake.FakeCalCom;
import com.cureka.appointments.application.port.calendar.CalendarGateway;
import com.cureka.appointments.domain.doctor.Doctor;
import com.cureka.appointments.domain.kernel.TimeSlot;
import com.cureka.appointments.testkit.calendar.CalendarGatewayContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.time.LocalDate;

/** The Cal.com adapter keeps the port's promises, against the fake Cal.com over real HTTP. */
class CalComCalendarGatewayContractTest extends CalendarGatewayContract {
    private FakeCalCom calcom;
    private CalendarGateway gateway;

    @BeforeEach
    void startCalCom() {
        calcom = CalComFixture.fakeWithDoctor(CalComFixture.CLOCK);
        gateway = new CalComCalendarGateway(CalComFixture.settings(calcom));
    }

    @AfterEach
    void stopCalCom() {
        calcom.close();
    }

    @Override
    protected CalendarGateway gateway() {
        return gateway;
    }

    @Override
    protected Doctor doctor() {
        return CalComFixture.DOCTOR;
    }

    @Override
    protected LocalDate freeDay() {
        return CalComFixture.DAY;
    }

    @Override
    protected void markBusy(Doctor doctor, TimeSlot slot) {
        calcom.markBusy(doctor.calendar().orElseThrow().username(), slot.start(), slot.end());
    }
}
