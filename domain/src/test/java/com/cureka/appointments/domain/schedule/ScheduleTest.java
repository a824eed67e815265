package com.cureka.appointments.domain.schedule;

import com.cureka.appointments.domain.kernel.TimeSlot;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScheduleTest {
    private static final Duration THIRTY_MINUTES = Duration.ofMinutes(30);

    private static Instant at(String isoWithOffset) {
        return OffsetDateTime.parse(isoWithOffset).toInstant();
    }

    private static Schedule everyDay(String zone, String start, String end) {
        var periods = new EnumMap<DayOfWeek, List<WorkingPeriod>>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            periods.put(d, List.of(WorkingPeriod.of(start, end)));
        }
        return new Schedule(ZoneId.of(zone), new WorkingHours(periods), 15, List.of());
    }

    @Nested
    class Slot_grid {
        @Test
        void a_standard_day_offers_thirty_minute_slots_every_fifteen_minutes_from_nine_to_six() {
            var schedule = Schedule.standard(ZoneId.of("Asia/Kolkata"));

            var slots = schedule.slotsOn(LocalDate.of(2025, 9, 23), THIRTY_MINUTES);

            assertThat(slots).hasSize(35); // 09:00 … 17:30
            assertThat(slots.getFirst().start()).isEqualTo(at("2025-09-23T09:00:00+05:30"));
            assertThat(slots.getLast().end()).isEqualTo(at("2025-09-23T18:00:00+05:30"));
        }

        @Test
        void the_grid_starts_again_at_the_beginning_of_each_working_period() {
            var hours = new WorkingHours(Map.of(
                    DayOfWeek.TUESDAY,
                    List.of(WorkingPeriod.of("09:00", "10:00"), WorkingPeriod.of("14:10", "15:00"))));
            var schedule = new Schedule(ZoneId.of("Asia/Kolkata"), hours, 15, List.of());

            var starts = schedule.slotsOn(LocalDate.of(2025, 9, 23), THIRTY_MINUTES).stream()
                    .map(TimeSlot::start)
                    .toList();

            assertThat(starts)
                    .containsExactly(
                            at("2025-09-23T09:00:00+05:30"),
                            at("2025-09-23T09:15:00+05:30"),
                            at("2025-09-23T09:30:00+05:30"),
                            at("2025-09-23T14:10:00+05:30"),
                            at("2025-09-23T14:25:00+05:30"));
        }

        @Test
        void a_day_without_working_hours_has_no_slots() {
            var schedule = new Schedule(
                    ZoneId.of("UTC"),
                    new WorkingHours(Map.of(DayOfWeek.MONDAY, List.of(WorkingPeriod.of("09:00", "12:00")))),
                    15,
                    List.of());

            assertThat(schedule.slotsOn(LocalDate.of(2025, 9, 23), THIRTY_MINUTES))
                    .isEmpty();
        }

        @Test
        void kathmandu_slots_keep_the_quarter_to_offset() {
            var schedule = Schedule.standard(ZoneId.of("Asia/Kathmandu"));

            var first =
                    schedule.slotsOn(LocalDate.of(2025, 9, 23), THIRTY_MINUTES).getFirst();

            assertThat(first.start()).isEqualTo(Instant.parse("2025-09-23T03:15:00Z"));
        }

        @Test
        void time_off_removes_the_slots_it_overlaps() {
            var schedule = Schedule.standard(ZoneId.of("UTC"))
                    .withTimeOff(new TimeOff(
                            Instant.parse("2025-09-23T09:00:00Z"), Instant.parse("2025-09-23T17:00:00Z"), "clinic"));

            var starts = schedule.slotsOn(LocalDate.of(2025, 9, 23), THIRTY_MINUTES).stream()
                    .map(TimeSlot::start)
                    .toList();

            assertThat(starts)
                    .containsExactly(
                            Instant.parse("2025-09-23T17:00:00Z"),
                            Instant.parse("2025-09-23T17:15:00Z"),
                            Instant.parse("2025-09-23T17:30:00Z"));
        }
    }

    @Nested
    class Daylight_saving {
        @Test
        void on_the_berlin_spring_forward_night_no_slot_starts_in_the_missing_hour() {
            var schedule = everyDay("Europe/Berlin", "00:00", "06:00");

            var slots = schedule.slotsOn(LocalDate.of(2025, 3, 30), Duration.ofMinutes(60));

            // 00:00–06:00 local is only five real hours that night.
            assertThat(slots.getLast().end()).isEqualTo(at("2025-03-30T06:00:00+02:00"));
            assertThat(slots)
                    .extracting(TimeSlot::start)
                    .contains(at("2025-03-30T01:45:00+01:00"), at("2025-03-30T03:00:00+02:00"))
                    .allSatisfy(start -> assertThat(
                                    start.atZone(ZoneId.of("Europe/Berlin")).getHour())
                            .isNotEqualTo(2));
            assertThat(slots).hasSize(17); // (5 h − 1 h) / 15 min + 1
        }

        @Test
        void on_the_new_york_fall_back_night_the_repeated_hour_is_worked_twice() {
            var schedule = everyDay("America/New_York", "00:00", "04:00");

            var slots = schedule.slotsOn(LocalDate.of(2025, 11, 2), Duration.ofMinutes(60));

            // 00:00–04:00 local is five real hours that night.
            assertThat(Duration.between(
                            slots.getFirst().start(), slots.getLast().end()))
                    .isEqualTo(Duration.ofHours(5));
            assertThat(slots).hasSize(17);
        }

        @Test
        void a_nine_to_six_day_after_a_dst_change_still_starts_at_nine_local_time() {
            var schedule = Schedule.standard(ZoneId.of("Europe/Berlin"));

            assertThat(schedule.slotsOn(LocalDate.of(2025, 3, 29), THIRTY_MINUTES)
                            .getFirst()
                            .start())
                    .isEqualTo(Instant.parse("2025-03-29T08:00:00Z"));
            assertThat(schedule.slotsOn(LocalDate.of(2025, 3, 31), THIRTY_MINUTES)
                            .getFirst()
                            .start())
                    .isEqualTo(Instant.parse("2025-03-31T07:00:00Z"));
        }
    }

    @Nested
    class Placement_of_a_requested_slot {
        private final Schedule kolkata = Schedule.standard(ZoneId.of("Asia/Kolkata"));

        @Test
        void a_slot_on_the_grid_inside_working_hours_is_on_grid() {
            assertThat(kolkata.place(TimeSlot.of(at("2025-09-23T14:30:00+05:30"), THIRTY_MINUTES)))
                    .isEqualTo(Placement.ON_GRID);
        }

        @Test
        void a_slot_starting_between_grid_lines_is_off_grid() {
            assertThat(kolkata.place(TimeSlot.of(at("2025-09-23T14:37:00+05:30"), THIRTY_MINUTES)))
                    .isEqualTo(Placement.OFF_GRID);
        }

        @Test
        void half_a_second_past_a_grid_line_is_off_the_grid() {
            assertThat(kolkata.place(TimeSlot.of(at("2025-09-23T14:30:00.5+05:30"), THIRTY_MINUTES)))
                    .isEqualTo(Placement.OFF_GRID);
        }

        @Test
        void a_slot_running_past_closing_time_is_outside_working_hours() {
            assertThat(kolkata.place(TimeSlot.of(at("2025-09-23T17:45:00+05:30"), THIRTY_MINUTES)))
                    .isEqualTo(Placement.OUTSIDE_WORKING_HOURS);
        }

        @Test
        void nine_in_the_morning_utc_is_outside_kolkata_hours_because_hours_are_in_the_doctors_zone() {
            // 09:00Z is 14:30 in Kolkata (inside), but 20:00Z is 01:30 the next day (outside).
            assertThat(kolkata.place(TimeSlot.of(Instant.parse("2025-09-23T09:00:00Z"), THIRTY_MINUTES)))
                    .isEqualTo(Placement.ON_GRID);
            assertThat(kolkata.place(TimeSlot.of(Instant.parse("2025-09-23T20:00:00Z"), THIRTY_MINUTES)))
                    .isEqualTo(Placement.OUTSIDE_WORKING_HOURS);
        }

        @Test
        void a_kathmandu_slot_is_on_grid_only_at_the_local_quarter_hours() {
            var kathmandu = Schedule.standard(ZoneId.of("Asia/Kathmandu"));

            assertThat(kathmandu.place(TimeSlot.of(at("2025-09-23T10:15:00+05:45"), THIRTY_MINUTES)))
                    .isEqualTo(Placement.ON_GRID);
            // 04:00Z is 09:45 local, on the grid; 04:30Z is 10:15 local, on the grid; 04:05Z is 09:50, off it.
            assertThat(kathmandu.place(TimeSlot.of(Instant.parse("2025-09-23T04:00:00Z"), THIRTY_MINUTES)))
                    .isEqualTo(Placement.ON_GRID);
            assertThat(kathmandu.place(TimeSlot.of(Instant.parse("2025-09-23T04:05:00Z"), THIRTY_MINUTES)))
                    .isEqualTo(Placement.OFF_GRID);
        }

        @Test
        void a_slot_in_time_off_is_placed_in_time_off() {
            var onLeave = kolkata.withTimeOff(
                    new TimeOff(at("2025-09-23T00:00:00+05:30"), at("2025-09-24T00:00:00+05:30"), "leave"));

            assertThat(onLeave.place(TimeSlot.of(at("2025-09-23T10:00:00+05:30"), THIRTY_MINUTES)))
                    .isEqualTo(Placement.TIME_OFF);
        }
    }

    @Test
    void overlapping_working_periods_are_rejected() {
        assertThatThrownBy(() -> new WorkingHours(Map.of(
                        DayOfWeek.MONDAY,
                        List.of(WorkingPeriod.of("09:00", "13:00"), WorkingPeriod.of("12:00", "18:00")))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("overlap");
    }

    @Test
    void a_period_that_ends_before_it_starts_is_rejected() {
        assertThatThrownBy(() -> WorkingPeriod.of("18:00", "09:00")).isInstanceOf(IllegalArgumentException.class);
    }
}
