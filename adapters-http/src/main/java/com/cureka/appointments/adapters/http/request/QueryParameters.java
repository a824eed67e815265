package com.cureka.appointments.adapters.http.request;

import com.cureka.appointments.adapters.http.error.FieldCode;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;

/**
 * The one check of every query parameter that no route needs to repeat: its name and values are
 * {@link PlainText}. Runs after authentication, so an anonymous caller still hears 401 first.
 */
public final class QueryParameters {
    private QueryParameters() {}

    public static void addTo(JavalinDefaultRouting routes) {
        routes.before(QueryParameters::check);
    }

    static void check(Context ctx) {
        var errors = new FieldErrors();
        ctx.queryParamMap().forEach((name, values) -> {
            if (!PlainText.isAcceptable(name) || !values.stream().allMatch(PlainText::isAcceptable)) {
                errors.add(PlainText.printable(name), FieldCode.INVALID_FORMAT, PlainText.MESSAGE);
            }
        });
        errors.throwIfAny();
    }
}
