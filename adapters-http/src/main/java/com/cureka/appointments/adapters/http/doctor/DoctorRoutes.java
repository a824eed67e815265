package com.cureka.appointments.adapters.http.doctor;

import com.cureka.appointments.adapters.http.auth.Access;
import com.cureka.appointments.adapters.http.auth.Caller;
import com.cureka.appointments.adapters.http.error.ApiException;
import com.cureka.appointments.adapters.http.error.FieldCode;
import com.cureka.appointments.adapters.http.error.Rejections;
import com.cureka.appointments.adapters.http.json.Envelope;
import com.cureka.appointments.adapters.http.request.FieldErrors;
import com.cureka.appointments.adapters.http.request.Fields;
import com.cureka.appointments.application.availability.FindAvailableSlots;
import com.cureka.appointments.application.doctor.GetDoctor;
import com.cureka.appointments.application.doctor.ListDoctors;
import com.cureka.appointments.domain.booking.Rejection;
import com.cureka.appointments.domain.doctor.DoctorId;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;

import java.util.List;

/** Finding a doctor and their free slots; open to every signed-in user. */
public final class DoctorRoutes {
    static final String COLLECTION = "/api/v1/doctors";

    /** A list is an object with {@code items}, like every list of the API, so it can grow a cursor later. */
    record DoctorList(List<DoctorView> items) {}

    private final ListDoctors listDoctors;
    private final GetDoctor getDoctor;
    private final FindAvailableSlots findAvailableSlots;

    public DoctorRoutes(ListDoctors listDoctors, GetDoctor getDoctor, FindAvailableSlots findAvailableSlots) {
        this.listDoctors = listDoctors;
        this.getDoctor = getDoctor;
        this.findAvailableSlots = findAvailableSlots;
    }

    public void addTo(JavalinDefaultRouting routes) {
        routes.get(COLLECTION, Access.anyRole(this::list));
        routes.get(COLLECTION + "/{doctor_id}", Access.anyRole(this::get));
        routes.get(COLLECTION + "/{doctor_id}/slots", Access.anyRole(this::slots));
    }

    private void list(Context ctx, Caller caller) {
        var doctors = listDoctors.list(ctx.queryParam("specialty")).stream()
                .map(DoctorView::of)
                .toList();
        ctx.json(Envelope.ok(new DoctorList(doctors)));
    }

    private void get(Context ctx, Caller caller) {
        var doctor = DoctorId.parse(ctx.pathParam("doctor_id"))
                .flatMap(getDoctor::get)
                .orElseThrow(DoctorRoutes::notFound);
        ctx.json(Envelope.ok(DoctorView.of(doctor)));
    }

    private void slots(Context ctx, Caller caller) {
        var doctorId = DoctorId.parse(ctx.pathParam("doctor_id")).orElseThrow(DoctorRoutes::notFound);
        var errors = new FieldErrors();
        String dateText = ctx.queryParam("date");
        if (Fields.isAbsent(dateText)) {
            errors.add("date", FieldCode.REQUIRED, "is required, in the form YYYY-MM-DD");
        }
        var day = Fields.date(dateText, "date", errors);
        var type = Fields.appointmentType(ctx.queryParam("appointment_type"), "appointment_type", errors);
        errors.throwIfAny();
        switch (findAvailableSlots.find(new FindAvailableSlots.Query(doctorId, day, type))) {
            case FindAvailableSlots.Result.Found found ->
                ctx.json(Envelope.ok(SlotsView.of(found.doctor(), day, type, found.slots())));
            case FindAvailableSlots.Result.Rejected rejected ->
                throw new ApiException(Rejections.toError(rejected.reason()));
        }
    }

    static ApiException notFound() {
        return new ApiException(Rejections.toError(new Rejection.DoctorNotFound()));
    }
}
