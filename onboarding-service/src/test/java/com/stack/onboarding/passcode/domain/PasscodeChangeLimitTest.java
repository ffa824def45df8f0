package com.stack.onboarding.passcode.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class PasscodeChangeLimitTest {

    private final PasscodeChangeLimit limit = new PasscodeChangeLimit(5, Duration.ofHours(1));
    private final Instant now = Instant.parse("2026-01-01T12:00:00Z");

    @Test
    void changesBelowTheLimitAreAllowed() {
        assertThat(limit.waitBeforeNext(4, now.minusSeconds(60), now)).isEmpty();
        assertThat(limit.waitBeforeNext(0, null, now)).isEmpty();
    }

    @Test
    void atTheLimitTheWaitEndsWhenTheOldestChangeLeavesTheWindow() {
        assertThat(limit.waitBeforeNext(5, now.minus(Duration.ofMinutes(40)), now))
                .contains(Duration.ofMinutes(20));
        assertThat(limit.windowStart(now)).isEqualTo(now.minus(Duration.ofHours(1)));
    }
}
