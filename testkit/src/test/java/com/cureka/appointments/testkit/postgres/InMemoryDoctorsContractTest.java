package com.cureka.appointments.testkit.postgres;

import com.cureka.appointments.application.memory.InMemoryDoctors;

class InMemoryDoctorsContractTest extends DoctorsContract<InMemoryDoctors> {
    @Override
    protected InMemoryDoctors newDoctors() {
        return new InMemoryDoctors();
    }
}
