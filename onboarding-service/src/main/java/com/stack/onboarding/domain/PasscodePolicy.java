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
        if (!isWellFormed(passcode)) {
            throw new InvalidInputException("passcode", "must be 4 to 6 digits");
        }
        if (isTrivial(passcode)) {
            throw new InvalidInputException("passcode", "is too easy to guess (repeated or sequential digits)");
        }
    }

    /** 4 to 6 digits: anything else cannot be anyone's passcode, so it is not worth hashing. */
    public static boolean isWellFormed(String passcode) {
        return passcode != null && passcode.matches("[0-9]{4,6}");
    }

    /**
     * All one digit (0000), a run up or down, also across 9 and 0 as on a keypad wheel (1234, 98765,
     * 7890), or a short block repeated (1212, 123123).
     */
    static boolean isTrivial(String passcode) {
        boolean up = true;
        boolean down = true;
        for (int i = 1; i < passcode.length(); i++) {
            int step = Math.floorMod(passcode.charAt(i) - passcode.charAt(i - 1), 10);
            up &= step == 1;
            down &= step == 9;
        }
        return up || down || isRepeatedBlock(passcode);
    }

    /** The passcode is one block of {@code length / k} digits written k >= 2 times (0000, 1212, 123123). */
    private static boolean isRepeatedBlock(String passcode) {
        for (int block = 1; block <= passcode.length() / 2; block++) {
            if (passcode.length() % block == 0
                    && passcode.equals(passcode.substring(0, block).repeat(passcode.length() / block))) {
                return true;
            }
        }
        return false;
    }

    public static boolean isLocked(Instant lockedUntil, Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }

    public static int attemptsLeft(int failedAttempts) {
        return Math.max(0, MAX_FAILED_ATTEMPTS - failedAttempts);
    }
}
