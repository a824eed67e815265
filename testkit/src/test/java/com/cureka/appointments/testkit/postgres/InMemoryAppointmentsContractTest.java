package com.cureka.appointments.testkit.postgres;

import com.cureka.appointments.application.memory.InMemoryAppointments;

class InMemoryAppointmentsContractTest extends AppointmentsContract<InMemoryAppointments> {
    @Override
    protected InMemoryAppointments newStore() {
        return new InMemoryAppointments();
    }
}
