package com.cureka.appointments.adapters.http.doctor;

import com.cureka.appointments.adapters.http.json.WireTime;
import com.cureka.appointments.domain.doctor.Doctor;
import com.cureka.appointments.domain.schedule.TimeOff;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A doctor as an administrator sees it: everything that was registered, and the time off added since. */
record RegisteredDoctorView(
        String doctorId,
        String name,
        String specialty,
        String email,
        String timeZone,
        Map<String, List<WorkingHoursJson.Period>> workingHours,
        int slotIntervalMinutes,
        CalCom calCom,
        boolean active,
        List<TimeOffView> timeOff) {

    /** A stretch of time off, in the doctor's time zone. */
    record TimeOffView(String timeOffId, String from, String to, String reason) {
        static TimeOffView of(TimeOff off, ZoneId zone) {
            return new TimeOffView(
                    off.id().toString(),
                    WireTime.format(off.from(), zone),
                    WireTime.format(off.to(), zone),
                    off.reason());
        }
    }

    /** Event type ids are written back as the numbers Cal.com uses and the request carried. */
    record CalCom(String username, Map<String, Long> eventTypeIds) {}

    static RegisteredDoctorView of(Doctor doctor) {
        var schedule = doctor.schedule();
        var calCom = doctor.calendar()
                .map(account -> {
                    var ids = new LinkedHashMap<String, Long>();
                    account.eventTypes().entrySet().stream()
                            .sorted(Map.Entry.comparingByKey())
                            .forEach(e -> ids.put(e.getKey().code(), Long.valueOf(e.getValue())));
                    return new CalCom(account.username(), ids);
                })
                .orElse(null);
        return new RegisteredDoctorView(
                doctor.id().toString(),
                doctor.name(),
                doctor.specialty(),
                doctor.email(),
                schedule.zone().getId(),
                WorkingHoursJson.of(schedule.workingHours()),
                schedule.slotIntervalMinutes(),
                calCom,
                doctor.active(),
                schedule.timeOff().stream()
                        .map(off -> TimeOffView.of(off, schedule.zone()))
                        .toList());
    }
}
