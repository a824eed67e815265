package com.cureka.appointments.adapters.http.auth;

import com.cureka.appointments.adapters.http.error.ApiException;
import com.cureka.appointments.adapters.http.error.ErrorCode;
import com.cureka.appointments.application.access.Role;
import io.javalin.http.Context;
import io.javalin.http.Handler;

import java.util.EnumSet;
import java.util.Set;

/**
 * Who may use a route, written where the route is declared:
 * {@code routes.post("/api/v1/appointments", Access.only(Role.PATIENT, this::book))}.
 * A valid token with another role gets {@code 403 FORBIDDEN}.
 */
public final class Access {
    private Access() {}

    /** A route handler that is handed the authenticated caller. */
    @FunctionalInterface
    public interface CallerHandler {
        void handle(Context ctx, Caller caller) throws Exception;
    }

    public static Handler only(Role role, CallerHandler handler) {
        return rolesIn(EnumSet.of(role), handler);
    }

    public static Handler anyRole(CallerHandler handler) {
        return rolesIn(EnumSet.allOf(Role.class), handler);
    }

    public static Handler rolesIn(Set<Role> allowed, CallerHandler handler) {
        var roles = EnumSet.copyOf(allowed);
        return ctx -> {
            var caller = Authentication.callerOf(ctx);
            if (!roles.contains(caller.role())) {
                throw ApiException.of(ErrorCode.FORBIDDEN, "Your role may not use this route");
            }
            handler.handle(ctx, caller);
        };
    }
}
