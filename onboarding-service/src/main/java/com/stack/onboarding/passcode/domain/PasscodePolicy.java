package com.stack.onboarding.passcode.domain;

import com.stack.defaults.errors.InvalidInputException;
import com.stack.onboarding.shared.domain.PasscodeLockout;

/**
 * The app-login passcode's rules: 4 to 6 digits and not trivially guessable. How many wrong ones may be
 * tried is {@link PasscodeLockout}'s business.
 */
public final class PasscodePolicy {

    public static final int MIN_LENGTH = 4;
    public static final int MAX_LENGTH = 6;

    private PasscodePolicy() {}

    /**
     * Refuses anything that cannot be anyone's passcode, before it costs a hash, a lock or an attempt; the
     * length is checked before the characters, so a megabyte-long value costs nothing.
     */
    public static void requireWellFormed(String passcode) {
        if (!isWellFormed(passcode)) {
            throw new InvalidInputException("passcode", "must be 4 to 6 digits");
        }
    }

    /** A new passcode: well formed and not trivial. */
    public static void requireAcceptable(String passcode) {
        requireWellFormed(passcode);
        if (isTrivial(passcode)) {
            throw new InvalidInputException("passcode", "is too easy to guess (repeated or sequential digits)");
        }
    }

    /** 4 to 6 ASCII digits. */
    public static boolean isWellFormed(String passcode) {
        if (passcode == null || passcode.length() < MIN_LENGTH || passcode.length() > MAX_LENGTH) {
            return false;
        }
        return passcode.chars().allMatch(c -> c >= '0' && c <= '9');
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
}
