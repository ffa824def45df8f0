package com.stack.aicfo.facts.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class WeeksTest {

    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    @Test
    void anIsoWeekStartsOnMonday() {
        assertThat(Weeks.mondayOf(LocalDate.of(2026, 11, 16))).isEqualTo(LocalDate.of(2026, 11, 16));
        assertThat(Weeks.mondayOf(LocalDate.of(2026, 11, 22))).isEqualTo(LocalDate.of(2026, 11, 16));
        // across a year's end: the ISO week of Thursday 1 January 2026 begins on Monday 29 December 2025
        assertThat(Weeks.mondayOf(LocalDate.of(2026, 1, 1))).isEqualTo(LocalDate.of(2025, 12, 29));
    }

    @Test
    void theLastClosedWeekDependsOnTheUsersZone() {
        // Monday 23 November 2026, 02:00 UTC: in UTC and Tokyo the week of the 16th has closed, in New York it is
        // still Sunday the 22nd, so its last closed week is that of the 9th
        Instant now = Instant.parse("2026-11-23T02:00:00Z");
        assertThat(Weeks.lastClosedWeek(now, ZoneOffset.UTC)).isEqualTo(LocalDate.of(2026, 11, 16));
        assertThat(Weeks.lastClosedWeek(now, TOKYO)).isEqualTo(LocalDate.of(2026, 11, 16));
        assertThat(Weeks.lastClosedWeek(now, NEW_YORK)).isEqualTo(LocalDate.of(2026, 11, 9));
        assertThat(Weeks.hasClosed(LocalDate.of(2026, 11, 16), now, ZoneOffset.UTC))
                .isTrue();
        assertThat(Weeks.hasClosed(LocalDate.of(2026, 11, 16), now, NEW_YORK)).isFalse();
        assertThat(Weeks.hasClosed(LocalDate.of(2026, 11, 16), Instant.parse("2026-11-23T05:00:00Z"), NEW_YORK))
                .isTrue();
    }

    @Test
    void aPeriodRunsFromTheFirstDaysMidnightToTheMidnightAfterTheLastInTheZone() {
        Weeks.Period week = Weeks.period(LocalDate.of(2026, 11, 16), LocalDate.of(2026, 11, 22), NEW_YORK);
        assertThat(week.from()).isEqualTo(Instant.parse("2026-11-16T05:00:00Z"));
        assertThat(week.until()).isEqualTo(Instant.parse("2026-11-23T05:00:00Z"));
        // the week the clocks go back in New York (1 November 2026) is an hour longer
        Weeks.Period dst = Weeks.period(LocalDate.of(2026, 10, 26), LocalDate.of(2026, 11, 1), NEW_YORK);
        assertThat(dst.from()).isEqualTo(Instant.parse("2026-10-26T04:00:00Z"));
        assertThat(dst.until()).isEqualTo(Instant.parse("2026-11-02T05:00:00Z"));
        assertThatThrownBy(() -> Weeks.period(LocalDate.of(2026, 11, 22), LocalDate.of(2026, 11, 16), NEW_YORK))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anUnknownZoneIsUtc() {
        assertThat(Weeks.zoneOrUtc(null)).isEqualTo(ZoneOffset.UTC);
        assertThat(Weeks.zoneOrUtc("Mars/Olympus")).isEqualTo(ZoneOffset.UTC);
        assertThat(Weeks.zoneOrUtc("Asia/Tokyo")).isEqualTo(TOKYO);
    }
}
