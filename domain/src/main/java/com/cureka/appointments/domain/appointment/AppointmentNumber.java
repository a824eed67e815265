package com.cureka.appointments.domain.appointment;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An appointment's public number, {@code AID-YYYYMMDD-SEQ}: the day the booking was made and a sequence
 * that counts from 1 within that day, printed with at least four digits and widening past 9999.
 */
public record AppointmentNumber(String prefix, LocalDate day, long sequence) implements Comparable<AppointmentNumber> {
    private static final Pattern PREFIX = Pattern.compile("^[A-Z][A-Z0-9]{0,9}$");
    private static final Pattern FORMAT = Pattern.compile("^([A-Z][A-Z0-9]{0,9})-(\\d{8})-(\\d{4,18})$");
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    public AppointmentNumber {
        Objects.requireNonNull(day, "day");
        if (prefix == null || !PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException(
                    "an appointment number prefix is 1 to 10 upper-case letters or digits, starting with a letter");
        }
        if (sequence < 1) {
            throw new IllegalArgumentException("an appointment sequence starts at 1");
        }
    }

    /** Reads the textual form; anything that is not a well-formed number is empty. */
    public static Optional<AppointmentNumber> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        var m = FORMAT.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        String digits = m.group(3);
        // 0001 is the first; a longer form is only used past 9999, so "00010000" is not a valid spelling.
        if (digits.length() > 4 && digits.charAt(0) == '0') {
            return Optional.empty();
        }
        try {
            var number = new AppointmentNumber(m.group(1), LocalDate.parse(m.group(2), DAY), Long.parseLong(digits));
            return Optional.of(number);
        } catch (DateTimeParseException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Written out by hand: it is formatted several times for every booking, and String.format showed in profiles. */
    public String format() {
        var text = new StringBuilder(prefix.length() + 16).append(prefix).append('-');
        if (day.getYear() >= 0 && day.getYear() <= 9999) {
            pad(text, day.getYear(), 4);
            pad(text, day.getMonthValue(), 2);
            pad(text, day.getDayOfMonth(), 2);
        } else {
            text.append(day.format(DAY));
        }
        return pad(text.append('-'), sequence, 4).toString();
    }

    private static StringBuilder pad(StringBuilder text, long value, int width) {
        String digits = Long.toString(value);
        for (int i = digits.length(); i < width; i++) {
            text.append('0');
        }
        return text.append(digits);
    }

    @Override
    public int compareTo(AppointmentNumber o) {
        int byDay = day.compareTo(o.day);
        return byDay != 0 ? byDay : Long.compare(sequence, o.sequence);
    }

    @Override
    public String toString() {
        return format();
    }
}
