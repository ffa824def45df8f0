package com.stack.onboarding.shared.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.stack.onboarding.shared.domain.PasscodeLockout.Counted;
import com.stack.onboarding.shared.domain.PasscodeLockout.Locked;
import com.stack.onboarding.shared.domain.PasscodeLockout.Open;
import com.stack.onboarding.shared.domain.PasscodeLockout.ResetRequired;
import org.junit.jupiter.api.Test;

class PasscodeLockoutTest {

    private static final PasscodeLockout.Rules RULES =
            new PasscodeLockout.Rules(5, List.of(Duration.ofMinutes(15), Duration.ofHours(1)), 3);
    private static final Instant T0 = Instant.parse("2026-01-01T12:00:00Z");

    @Test
    void failuresCountDownTheAttemptsLeftThenLockForTheFirstDuration() {
        PasscodeLockout state = PasscodeLockout.CLEAR;
        List<Integer> left = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Counted counted = state.countFailure(RULES, T0);
            left.add(counted.attemptsLeft());
            state = counted.next();
        }

        assertThat(left).containsExactly(4, 3, 2, 1, 0);
        assertThat(state).isEqualTo(new PasscodeLockout(0, 1, T0.plus(Duration.ofMinutes(15)), false));
        assertThat(state.status(T0.plus(Duration.ofMinutes(15)).minusSeconds(1)))
                .isEqualTo(new Locked(state.lockedUntil()));
        assertThat(state.status(T0.plus(Duration.ofMinutes(15)))).isInstanceOf(Open.class);
    }

    @Test
    void consecutiveLockoutsEscalateAndTheLastRequiresAReset() {
        PasscodeLockout state = PasscodeLockout.CLEAR;
        Instant now = T0;
        List<Duration> lockouts = new ArrayList<>();
        while (!(state.status(now) instanceof ResetRequired)) {
            state = state.countFailure(RULES, now).next();
            if (state.status(now) instanceof Locked locked) {
                lockouts.add(Duration.between(now, locked.until()));
                now = locked.until();
            }
        }

        assertThat(lockouts).containsExactly(Duration.ofMinutes(15), Duration.ofHours(1));
        assertThat(state.resetRequired()).isTrue();
        assertThat(state.status(now.plus(Duration.ofDays(365)))).isInstanceOf(ResetRequired.class);
    }

    @Test
    void theLastDurationRepeatsUntilTheMaximumOfLockouts() {
        PasscodeLockout.Rules rules =
                new PasscodeLockout.Rules(1, List.of(Duration.ofMinutes(15), Duration.ofHours(1)), 5);
        PasscodeLockout state = PasscodeLockout.CLEAR;
        Instant now = T0;
        List<Duration> lockouts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            state = state.countFailure(rules, now).next();
            lockouts.add(Duration.between(now, state.lockedUntil()));
            now = state.lockedUntil();
        }

        assertThat(lockouts)
                .containsExactly(Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(1));
        assertThat(state.countFailure(rules, now).next().resetRequired()).isTrue();
    }

    /** The old lockout started afresh after 15 minutes: 5 guesses every 15 minutes, 480 a day. */
    @Test
    void aDayOfGuessingAsFastAsAllowedGetsNoMoreThanTheSettingsAllow() {
        PasscodeLockout state = PasscodeLockout.CLEAR;
        Instant now = T0;
        int guesses = 0;
        while (now.isBefore(T0.plus(Duration.ofDays(1))) && !(state.status(now) instanceof ResetRequired)) {
            if (state.status(now) instanceof Locked locked) {
                now = locked.until();
                continue;
            }
            state = state.countFailure(RULES, now).next();
            guesses++;
        }

        assertThat(guesses).isEqualTo(RULES.maxGuessesBeforeReset()).isEqualTo(15);
    }

    @Test
    void noGuessIsCountedWhileLockedOrAwaitingAReset() {
        PasscodeLockout locked = new PasscodeLockout(0, 1, T0.plusSeconds(60), false);

        assertThatThrownBy(() -> locked.countFailure(RULES, T0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new PasscodeLockout(0, 3, null, true).countFailure(RULES, T0))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void oneLockoutAtMostRequiresAResetAtOnce() {
        PasscodeLockout.Rules strict = new PasscodeLockout.Rules(3, List.of(), 1);
        PasscodeLockout state = PasscodeLockout.CLEAR;
        for (int i = 0; i < 3; i++) {
            state = state.countFailure(strict, T0).next();
        }
        assertThat(state.status(T0)).isInstanceOf(ResetRequired.class);
    }

    @Test
    void rulesRefuseNonsense() {
        assertThatThrownBy(() -> new PasscodeLockout.Rules(0, List.of(Duration.ofMinutes(1)), 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PasscodeLockout.Rules(5, List.of(), 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PasscodeLockout.Rules(5, List.of(Duration.ZERO), 3))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
