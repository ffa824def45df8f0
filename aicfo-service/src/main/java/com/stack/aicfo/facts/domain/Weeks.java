package com.stack.aicfo.facts.domain;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;

/** ISO weeks (Monday to Sunday) in a user's time zone: which week has closed, and a period's instants. */
public final class Weeks {

    private Weeks() {}

    /** The Monday of the ISO week {@code day} is in. */
    public static LocalDate mondayOf(LocalDate day) {
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    /** The Monday of the most recent ISO week that has ended at {@code now} in {@code zone}. */
    public static LocalDate lastClosedWeek(Instant now, ZoneId zone) {
        return mondayOf(now.atZone(zone).toLocalDate()).minusWeeks(1);
    }

    /** Whether the week of {@code monday} has ended at {@code now} in {@code zone} (its next Monday has begun). */
    public static boolean hasClosed(LocalDate monday, Instant now, ZoneId zone) {
        return !now.isBefore(monday.plusWeeks(1).atStartOfDay(zone).toInstant());
    }

    /** The zone of that id; UTC when it is unknown or not a zone. */
    public static ZoneId zoneOrUtc(String id) {
        if (id == null || id.isBlank()) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }

    /** The instants of the days {@code first} to {@code last} (inclusive) in {@code zone}. */
    public static Period period(LocalDate first, LocalDate last, ZoneId zone) {
        if (last.isBefore(first)) {
            throw new IllegalArgumentException("a period ends on or after its first day: " + first + " .. " + last);
        }
        return new Period(
                first.atStartOfDay(zone).toInstant(),
                last.plusDays(1).atStartOfDay(zone).toInstant());
    }

    /** From {@code from} (inclusive) until {@code until} (exclusive). */
    public record Period(Instant from, Instant until) {}
}
