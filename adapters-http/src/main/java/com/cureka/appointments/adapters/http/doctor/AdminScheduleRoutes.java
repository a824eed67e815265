package com.cureka.appointments.adapters.http.doctor;

import com.cureka.appointments.adapters.http.auth.Access;
import com.cureka.appointments.adapters.http.auth.Caller;
import com.cureka.appointments.adapters.http.error.ApiException;
import com.cureka.appointments.adapters.http.error.ErrorCode;
import com.cureka.appointments.adapters.http.json.Envelope;
import com.cureka.appointments.adapters.http.request.FieldErrors;
import com.cureka.appointments.adapters.http.request.JsonBody;
import com.cureka.appointments.application.access.Role;
import com.cureka.appointments.application.doctor.ChangeSchedule;
import com.cureka.appointments.application.doctor.GetDoctor;
import com.cureka.appointments.domain.doctor.Doctor;
import com.cureka.appointments.domain.doctor.DoctorId;
import com.cureka.appointments.domain.kernel.Uuids;
import com.cureka.appointments.domain.schedule.TimeOff;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Administrators change a doctor's working hours or add time off. Later bookings obey the new schedule;
 * appointments already made are kept and listed as {@code conflicts}.
 */
public final class AdminScheduleRoutes {
    private final ChangeSchedule changeSchedule;
    private final GetDoctor getDoctor;
    private final JsonBody body;

    public AdminScheduleRoutes(ChangeSchedule changeSchedule, GetDoctor getDoctor, JsonBody body) {
        this.changeSchedule = changeSchedule;
        this.getDoctor = getDoctor;
        this.body = body;
    }

    public void addTo(JavalinDefaultRouting routes) {
        routes.put(
                AdminDoctorRoutes.COLLECTION + "/{doctor_id}/working-hours",
                Access.only(Role.ADMIN, this::replaceWorkingHours));
        String timeOff = AdminDoctorRoutes.COLLECTION + "/{doctor_id}/time-off";
        routes.post(timeOff, Access.only(Role.ADMIN, this::addTimeOff));
        routes.get(timeOff, Access.only(Role.ADMIN, this::listTimeOff));
        routes.delete(timeOff + "/{time_off_id}", Access.only(Role.ADMIN, this::removeTimeOff));
    }

    private void replaceWorkingHours(Context ctx, Caller caller) {
        var id = activeDoctor(ctx).id();
        var errors = new FieldErrors();
        ObjectNode tree = body.readObject(ctx);
        if (!tree.has(WorkingHoursRequest.FIELD)) {
            var wrapped = body.mapper().createObjectNode();
            wrapped.set(WorkingHoursRequest.FIELD, tree);
            tree = wrapped;
        }
        WorkingHoursRequest request = body.bind(tree, body.mapper().constructType(WorkingHoursRequest.class), errors);
        var hours = request.workingHours() == null
                ? null
                : WorkingHoursJson.toDomain(request.workingHours(), WorkingHoursRequest.FIELD, errors);
        errors.throwIfAny();
        answer(ctx, changeSchedule.replaceWorkingHours(id, hours));
    }

    private void addTimeOff(Context ctx, Caller caller) {
        var doctor = activeDoctor(ctx);
        var errors = new FieldErrors();
        var request = body.read(ctx, TimeOffRequest.class, errors);
        var off = request.toDomain(doctor.schedule().zone(), errors);
        errors.throwIfAny();
        answer(ctx, changeSchedule.addTimeOff(doctor.id(), off));
    }

    /** Every time off of the doctor, earliest first, each with the id that removes it. */
    private void listTimeOff(Context ctx, Caller caller) {
        var doctor = activeDoctor(ctx);
        var zone = doctor.schedule().zone();
        var items = doctor.schedule().timeOff().stream()
                .sorted(Comparator.comparing(TimeOff::from).thenComparing(TimeOff::id))
                .map(off -> RegisteredDoctorView.TimeOffView.of(off, zone))
                .toList();
        ctx.json(Envelope.ok(new TimeOffList(items)));
    }

    private void removeTimeOff(Context ctx, Caller caller) {
        var doctor = activeDoctor(ctx);
        var timeOffId = Uuids.parse(ctx.pathParam("time_off_id")).orElseThrow(AdminScheduleRoutes::noSuchTimeOff);
        switch (changeSchedule.removeTimeOff(doctor.id(), timeOffId)) {
            case ChangeSchedule.Removal.Removed removed ->
                ctx.json(Envelope.ok(ScheduleChangedView.of(removed.changed())));
            case ChangeSchedule.Removal.NoSuchTimeOff none -> throw noSuchTimeOff();
            case ChangeSchedule.Removal.NoSuchDoctor none -> throw DoctorRoutes.notFound();
        }
    }

    record TimeOffList(List<RegisteredDoctorView.TimeOffView> items) {}

    /** API.md has no code of its own for this: the generic 404 of an unknown resource. */
    private static ApiException noSuchTimeOff() {
        return ApiException.of(ErrorCode.NOT_FOUND, "The doctor has no time off with that id");
    }

    /** A malformed, unknown or deactivated id is a 404 before the body is looked at, as for the slots route. */
    private Doctor activeDoctor(Context ctx) {
        return DoctorId.parse(ctx.pathParam("doctor_id"))
                .flatMap(getDoctor::get)
                .orElseThrow(DoctorRoutes::notFound);
    }

    /** The doctor may have been deactivated in between: still a 404. */
    private static void answer(Context ctx, Optional<ChangeSchedule.Changed> changed) {
        ctx.json(Envelope.ok(changed.map(ScheduleChangedView::of).orElseThrow(DoctorRoutes::notFound)));
    }
}
