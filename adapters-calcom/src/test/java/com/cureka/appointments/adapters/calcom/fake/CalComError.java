package com.cureka.appointments.adapters.calcom.fake;

/**
 * An error answer of the fake, thrown from deep inside an endpoint: the status, the Nest exception class name
 * ({@code BadRequestException}, …) and the message, rendered in Cal.com's envelope.
 */
final class CalComError extends RuntimeException {
    final int status;
    final String code;

    CalComError(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    static CalComError badRequest(String message) {
        return new CalComError(400, "BadRequestException", message);
    }

    static CalComError notFound(String message) {
        return new CalComError(404, "NotFoundException", message);
    }

    static CalComError unauthorized(String message) {
        return new CalComError(401, "UnauthorizedException", message);
    }

    static CalComError forbidden(String message) {
        return new CalComError(403, "ForbiddenException", message);
    }

    /** A route Nest does not have: "Cannot GET /v2/…" (a wrong method also gives 404). */
    static CalComError noRoute(String method, String url) {
        return notFound("Cannot " + method + " " + url);
    }
}
