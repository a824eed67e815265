package com.cureka.appointments.application.access;

/** What a caller is to the clinic, as the identity provider's token says. */
public enum Role {
    PATIENT,
    DOCTOR,
    ADMIN
}
