package com.cureka.appointments.bench;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The data set of a run and the requests made from it, chosen so that no booking rule refuses a request:
 *
 * <ul>
 *   <li>{@code doctors} doctors in UTC, working 00:00–23:30 every day on a 30-minute grid: 47 consultation slots a
 *       day, over {@code days} days starting the day after tomorrow (so never too soon, and within
 *       {@code MAX_FUTURE_BOOKING_DAYS}, which the run sets to {@code days + 7});</li>
 *   <li>booking number {@code i} goes to doctor {@code i mod doctors}, on the next free (day, slot) of that doctor:
 *       every request a distinct free slot, consecutive requests on different doctors;</li>
 *   <li>each doctor has {@code patientsPerDoctor} patients of their own, taking turns: a patient only ever books
 *       one doctor, whose slots never overlap, so no patient conflict; and each patient books
 *       {@code bookings / (doctors × patientsPerDoctor)} times in all (≈ 15 in a full run), far below the caps the
 *       run sets (rate limit, {@code MAX_APPTS_PER_PATIENT}).</li>
 * </ul>
 */
final class Clinic {
    static final int SLOTS_PER_DAY = 47;
    static final String[] TYPES = {"consultation", "followup", "emergency", "surgery"};
    private static final DateTimeFormatter WIRE = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private final String label;
    private final List<UUID> doctors = new ArrayList<>();
    private final List<UUID> patients = new ArrayList<>();
    private final List<String> patientTokens = new ArrayList<>();
    private final int patientsPerDoctor;
    private final int days;
    private final LocalDate firstDay;
    private final boolean calCom;
    private final AtomicLong nextBooking = new AtomicLong();
    private final AtomicLong nextUncachedListing = new AtomicLong();
    private final AtomicLong nextCachedListing = new AtomicLong();

    Clinic(String label, int doctorCount, int patientsPerDoctor, int days, boolean calCom, Tokens tokens) {
        this.label = label;
        this.patientsPerDoctor = patientsPerDoctor;
        this.days = days;
        this.calCom = calCom;
        this.firstDay = LocalDate.now(ZoneOffset.UTC).plusDays(2);
        for (int d = 0; d < doctorCount; d++) {
            doctors.add(UUID.randomUUID());
        }
        for (int p = 0; p < doctorCount * patientsPerDoctor; p++) {
            var id = UUID.randomUUID();
            patients.add(id);
            patientTokens.add(tokens.token(id, "PATIENT", label + " patient " + p));
        }
    }

    int doctorCount() {
        return doctors.size();
    }

    int patientCount() {
        return patients.size();
    }

    int days() {
        return days;
    }

    LocalDate firstDay() {
        return firstDay;
    }

    UUID doctor(int index) {
        return doctors.get(index);
    }

    /** The Cal.com user name and event type id of doctor {@code index} (scenario 3). */
    static String calComUser(int index) {
        return "bench-dr-" + index;
    }

    static long calComEventType(int index) {
        return 10_000L + index;
    }

    /** {@code POST /api/v1/admin/doctors} body of doctor {@code index}. */
    byte[] registration(int index) {
        var hours = new StringBuilder();
        for (String day : List.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")) {
            hours.append(hours.isEmpty() ? "" : ",")
                    .append('"')
                    .append(day)
                    .append("\":[{\"start\":\"00:00\",\"end\":\"23:30\"}]");
        }
        String calendar = calCom
                ? ",\"cal_com\":{\"username\":\"" + calComUser(index) + "\",\"event_type_ids\":{\"consultation\":"
                        + calComEventType(index) + "}}"
                : "";
        String json = "{\"doctor_id\":\"" + doctors.get(index) + "\",\"name\":\"Dr. " + label + " " + index
                + "\",\"specialty\":\"General practice\",\"email\":\"dr" + index
                + "@bench.example\",\"time_zone\":\"UTC\","
                + "\"working_hours\":{" + hours + "},\"slot_interval_minutes\":30" + calendar + "}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** A booking of the next distinct free slot, by that doctor's patient whose turn it is. */
    HttpTransport.Request nextBooking() {
        var next = nextSlot();
        String body = "{\"doctor_id\":\"" + next.doctor() + "\",\"appointment_datetime\":\"" + WIRE.format(next.start())
                + "\",\"appointment_type\":\"consultation\"}";
        return HttpTransport.Request.post("/api/v1/appointments", next.token(), body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The same booking through the FHIR facade: {@code Appointment/$book} with a Parameters naming the Practitioner,
     * the Patient and the 30-minute consultation (API.md), from the same sequence of free slots as {@link #nextBooking}.
     */
    HttpTransport.Request nextFhirBooking() {
        var next = nextSlot();
        String body = "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"appointment\",\"resource\":"
                + "{\"resourceType\":\"Appointment\",\"status\":\"proposed\",\"start\":\""
                + WIRE.format(next.start()) + "\",\"end\":\""
                + WIRE.format(next.start().plusMinutes(30))
                + "\",\"participant\":[{\"actor\":{\"reference\":\"Practitioner/" + next.doctor()
                + "\"},\"status\":\"needs-action\"},{\"actor\":{\"reference\":\"Patient/" + next.patient()
                + "\"},\"status\":\"needs-action\"}]}}]}";
        return HttpTransport.Request.post(
                "/fhir/R4/Appointment/$book", next.token(), body.getBytes(StandardCharsets.UTF_8));
    }

    /** A free slot never asked for before in this run, its doctor and one of the doctor's patients. */
    private NextSlot nextSlot() {
        long i = nextBooking.getAndIncrement();
        int doctor = (int) (i % doctors.size());
        long k = i / doctors.size();
        int day = (int) (k % days);
        long slot = k / days;
        if (slot >= SLOTS_PER_DAY) {
            throw new IllegalStateException("the data set is used up: raise --doctors or --days");
        }
        int patient = doctor * patientsPerDoctor + (int) (k % patientsPerDoctor);
        var start =
                firstDay.plusDays(day).atStartOfDay().atOffset(ZoneOffset.UTC).plusMinutes(30 * slot);
        return new NextSlot(doctors.get(doctor), patients.get(patient), patientTokens.get(patient), start);
    }

    private record NextSlot(UUID doctor, UUID patient, String token, OffsetDateTime start) {}

    long bookingsIssued() {
        return nextBooking.get();
    }

    /** A listing of a doctor-day-type never asked before in this run: always a cache miss. */
    HttpTransport.Request nextUncachedListing() {
        long j = nextUncachedListing.getAndIncrement();
        int doctor = (int) (j % doctors.size());
        long k = j / doctors.size();
        int day = (int) (k % days);
        long type = k / days;
        if (type >= TYPES.length) {
            throw new IllegalStateException("the listing data set is used up: raise --doctors or --days");
        }
        return listing(doctor, day, TYPES[(int) type], (int) (j % patients.size()));
    }

    /** One of {@link #cachedKeys()} doctor-days, in turn: after the first round, always a cache hit. */
    HttpTransport.Request nextCachedListing() {
        long n = nextCachedListing.getAndIncrement();
        int key = (int) (n % cachedKeys());
        // Listings run after the bookings, so nothing invalidates these entries; "surgery" keeps them apart from the
        // uncached listings, which reach that type only after three full rounds of every doctor-day.
        return listing(key % doctors.size(), days - 1, "surgery", (int) (n % patients.size()));
    }

    int cachedKeys() {
        return Math.min(16, doctors.size());
    }

    private HttpTransport.Request listing(int doctor, int day, String type, int patient) {
        return HttpTransport.Request.get(
                "/api/v1/doctors/" + doctors.get(doctor) + "/slots?date=" + firstDay.plusDays(day)
                        + "&appointment_type=" + type,
                patientTokens.get(patient));
    }
}
