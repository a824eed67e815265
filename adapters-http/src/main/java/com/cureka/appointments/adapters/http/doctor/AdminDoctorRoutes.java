package com.cureka.appointments.adapters.http.doctor;

import com.cureka.appointments.adapters.http.auth.Access;
import com.cureka.appointments.adapters.http.auth.Caller;
import com.cureka.appointments.adapters.http.error.ApiException;
import com.cureka.appointments.adapters.http.error.ErrorCode;
import com.cureka.appointments.adapters.http.json.Envelope;
import com.cureka.appointments.adapters.http.request.FieldErrors;
import com.cureka.appointments.adapters.http.request.JsonBody;
import com.cureka.appointments.application.access.Role;
import com.cureka.appointments.application.doctor.DeactivateDoctor;
import com.cureka.appointments.application.doctor.RegisterDoctor;
import com.cureka.appointments.domain.doctor.DoctorId;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.router.JavalinDefaultRouting;

/** Administrators register and deactivate doctors. */
public final class AdminDoctorRoutes {
    static final String COLLECTION = "/api/v1/admin/doctors";

    private final RegisterDoctor registerDoctor;
    private final DeactivateDoctor deactivateDoctor;
    private final JsonBody body;

    public AdminDoctorRoutes(RegisterDoctor registerDoctor, DeactivateDoctor deactivateDoctor, JsonBody body) {
        this.registerDoctor = registerDoctor;
        this.deactivateDoctor = deactivateDoctor;
        this.body = body;
    }

    record Deactivated(String doctorId, boolean active) {}

    public void addTo(JavalinDefaultRouting routes) {
        routes.post(COLLECTION, Access.only(Role.ADMIN, this::register));
        routes.delete(COLLECTION + "/{doctor_id}", Access.only(Role.ADMIN, this::deactivate));
    }

    private void register(Context ctx, Caller caller) {
        var errors = new FieldErrors();
        var request = body.read(ctx, RegisterDoctorRequest.class, errors);
        var command = request.toCommand(errors);
        errors.throwIfAny();
        switch (registerDoctor.register(command)) {
            case RegisterDoctor.Result.Registered registered ->
                ctx.status(HttpStatus.CREATED)
                        .header(
                                "Location",
                                DoctorRoutes.COLLECTION + "/"
                                        + registered.doctor().id())
                        .json(Envelope.ok(RegisteredDoctorView.of(registered.doctor())));
            case RegisterDoctor.Result.AlreadyExists exists ->
                throw ApiException.of(
                        ErrorCode.DOCTOR_ALREADY_EXISTS, "A doctor with id " + exists.id() + " already exists");
        }
    }

    /** Deactivates rather than deletes: the doctor's appointments stay on record. */
    private void deactivate(Context ctx, Caller caller) {
        var id = DoctorId.parse(ctx.pathParam("doctor_id")).orElseThrow(DoctorRoutes::notFound);
        if (!deactivateDoctor.deactivate(id)) {
            throw DoctorRoutes.notFound();
        }
        ctx.json(Envelope.ok(new Deactivated(id.toString(), false)));
    }
}
