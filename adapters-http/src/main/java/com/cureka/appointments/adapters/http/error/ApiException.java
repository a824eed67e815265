package com.cureka.appointments.adapters.http.error;

/**
 * Ends a request with a failure envelope. Thrown only inside this adapter, where Javalin's handlers return
 * nothing: the use cases themselves answer with values ({@code Rejected}), never with this.
 */
public final class ApiException extends RuntimeException {
    private final transient ApiError error;

    public ApiException(ApiError error) {
        super(error.code() + ": " + error.message(), null, false, false);
        this.error = error;
    }

    public static ApiException of(ErrorCode code, String message) {
        return new ApiException(ApiError.of(code, message));
    }

    public ApiError error() {
        return error;
    }
}
