package com.stack.onboarding.domain;

import java.time.Duration;
import java.time.Instant;

import com.stack.defaults.errors.InvalidInputException;

/**
 * The app-login passcode rules: 4 to 6 digits, not trivially guessable, and a lockout after
 * {@link #MAX_FAILED_ATTEMPTS} failures in a row that lasts {@link #LOCKOUT}.
 */
public final class PasscodePolicy {

    public static final int MAX_FAILED_ATTEMPTS = 5;
    public static final Duration LOCKOUT = Duration.ofMinutes(15);

    private PasscodePolicy() {
    }

    public static void requireAcceptable(String passcode) {
        if (passcode == null || !passcode.matches("[0-9]{4,6}")) {
            throw new InvalidInputException("passcode", "must be 4 to 6 digits");
        }
        if (isTrivial(passcode)) {
            throw new InvalidInputException("passcode", "is too easy to guess (repeated or sequential digits)");
        }
    }

    /** All one digit (0000), or a run up or down (1234, 98765). */
    static boolean isTrivial(String passcode) {
        boolean same = true;
        boolean up = true;
        boolean down = true;
        for (int i = 1; i < passcode.length(); i++) {
            int step = passcode.charAt(i) - passcode.charAt(i - 1);
            same &= step == 0;
            up &= step == 1;
            down &= step == -1;
        }
        return same || up || down;
    }

    public static boolean isLocked(Instant lockedUntil, Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }

    public static int attemptsLeft(int failedAttempts) {
        return Math.max(0, MAX_FAILED_ATTEMPTS - failedAttempts);
    }
}
