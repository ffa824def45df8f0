package com.stack.sandbox.market.domain;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The exchange's sessions: 09:30 to 16:00 America/New_York, Monday to Friday (holidays are not
 * emulated). {@link #ALWAYS_OPEN} trades at any time but keeps the same dates and closes, so a
 * previous close exists either way.
 */
public enum TradingHours {
    ALWAYS_OPEN("always-open"),
    EXCHANGE("exchange");

    public static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    public static final LocalTime OPEN = LocalTime.of(9, 30);
    public static final LocalTime CLOSE = LocalTime.of(16, 0);

    private final String wireName;

    TradingHours(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static TradingHours named(String wireName) {
        for (TradingHours hours : values()) {
            if (hours.wireName.equals(wireName)) {
                return hours;
            }
        }
        throw new IllegalArgumentException(
                "stack.sandbox.market.hours must be always-open or exchange, not " + wireName);
    }

    public boolean isOpen(Instant at) {
        if (this == ALWAYS_OPEN) {
            return true;
        }
        ZonedDateTime local = at.atZone(NEW_YORK);
        LocalTime time = local.toLocalTime();
        return isTradingDay(local.toLocalDate()) && !time.isBefore(OPEN) && time.isBefore(CLOSE);
    }

    /** The exchange's date at {@code at}. */
    public static LocalDate today(Instant at) {
        return at.atZone(NEW_YORK).toLocalDate();
    }

    /** The close of the last trading day before the exchange's date of {@code at}. */
    public static Instant previousClose(Instant at) {
        LocalDate day = today(at).minusDays(1);
        while (!isTradingDay(day)) {
            day = day.minusDays(1);
        }
        return day.atTime(CLOSE).atZone(NEW_YORK).toInstant();
    }

    static boolean isTradingDay(LocalDate date) {
        return date.getDayOfWeek() != DayOfWeek.SATURDAY && date.getDayOfWeek() != DayOfWeek.SUNDAY;
    }
}
