package com.cureka.appointments.adapters.http.ops;

/**
 * One dependency's health for {@code GET /health/ready}, e.g. {@code () -> dataSource.getConnection().isValid(1)}.
 * False, an exception, or no answer within the probe's time bound all count as down.
 */
@FunctionalInterface
public interface HealthCheck {
    boolean isUp() throws Exception;
}
