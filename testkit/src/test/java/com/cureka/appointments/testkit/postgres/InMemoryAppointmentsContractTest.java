package com.cureka.appointments.testkit.postgres;

import com.cureka.appointments.application.memory.InMemoryAppointments;
import com.cureka.appointments.application.port.patient.Patients;

class InMemoryAppointmentsContractTest extends AppointmentsContract<InMemoryAppointments> {
    @Override
    protected InMemoryAppointments newStore() {
        return new InMemoryAppointments();
    }

    @Override
    protected Patients patientsOf(InMemoryAppointments store) {
        return store;
    }
}
