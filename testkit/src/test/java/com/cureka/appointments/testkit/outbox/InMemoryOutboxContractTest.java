package com.cureka.appointments.testkit.outbox;

import com.cureka.appointments.application.memory.InMemoryAppointments;

class InMemoryOutboxContractTest extends OutboxContract {
    @Override
    protected Stores newStores() {
        var appointments = new InMemoryAppointments();
        return new Stores(appointments, appointments.outbox());
    }
}
