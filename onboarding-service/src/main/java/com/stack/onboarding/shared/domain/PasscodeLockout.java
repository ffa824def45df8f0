package com.stack.onboarding.shared.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * How many wrong passcodes a user may still try, as stored on the user's row. Failures in a row lock
 * verification for a while; each further lockout without a successful verification in between lasts longer
 * ({@link Rules#lockoutDurations()}), and the {@link Rules#maxLockouts()}-th lasts until the passcode is
 * replaced. So between two successful verifications (or passcode changes) at most
 * {@code maxFailedAttempts * maxLockouts} wrong passcodes can ever be tried, however long one waits.
 *
 * @param failedAttempts failures since the last lockout, success or change
 * @param lockouts       lockouts since the last success or change
 * @param lockedUntil    the end of the current (or last) timed lockout, null if none
 * @param resetRequired  the passcode is locked until it is replaced
 */
public record PasscodeLockout(int failedAttempts, int lockouts, Instant lockedUntil, boolean resetRequired) {

    public static final PasscodeLockout CLEAR = new PasscodeLockout(0, 0, null, false);

    /**
     * @param maxFailedAttempts failures in a row that lock verification
     * @param lockoutDurations  the k-th lockout in a row lasts the k-th duration; the last one repeats
     * @param maxLockouts       the lockout that requires a reset instead of lasting a while (1 makes the first do)
     */
    public record Rules(int maxFailedAttempts, List<Duration> lockoutDurations, int maxLockouts) {

        public Rules {
            if (maxFailedAttempts < 1 || maxLockouts < 1) {
                throw new IllegalArgumentException("max-failed-attempts and max-lockouts must be at least 1");
            }
            lockoutDurations = List.copyOf(lockoutDurations);
            if (maxLockouts > 1 && lockoutDurations.isEmpty()) {
                throw new IllegalArgumentException("lockout-durations must name at least one duration");
            }
            if (lockoutDurations.stream().anyMatch(d -> d.isNegative() || d.isZero())) {
                throw new IllegalArgumentException("lockout-durations must be positive");
            }
        }

        /** The most wrong passcodes that can be tried between two successful verifications. */
        public int maxGuessesBeforeReset() {
            return maxFailedAttempts * maxLockouts;
        }

        Duration lockout(int number) {
            return lockoutDurations.get(Math.min(number, lockoutDurations.size()) - 1);
        }
    }

    /** Whether a guess may be tried now, and if not, why. */
    public sealed interface Status {}

    public record Open() implements Status {}

    public record Locked(Instant until) implements Status {}

    public record ResetRequired() implements Status {}

    public Status status(Instant now) {
        if (resetRequired) {
            return new ResetRequired();
        }
        if (lockedUntil != null && lockedUntil.isAfter(now)) {
            return new Locked(lockedUntil);
        }
        return new Open();
    }

    /**
     * The state once one more guess counts as failed: the guess is counted before it is checked, so
     * guesses made at the same time can never get more attempts than allowed. Only for an {@link Open} state.
     */
    public Counted countFailure(Rules rules, Instant now) {
        if (!(status(now) instanceof Open)) {
            throw new IllegalStateException("No guess may be tried while " + status(now));
        }
        int failed = failedAttempts + 1;
        if (failed < rules.maxFailedAttempts()) {
            return new Counted(
                    new PasscodeLockout(failed, lockouts, lockedUntil, false), rules.maxFailedAttempts() - failed);
        }
        int lockout = lockouts + 1;
        PasscodeLockout locked = lockout >= rules.maxLockouts()
                ? new PasscodeLockout(0, lockout, null, true)
                : new PasscodeLockout(0, lockout, now.plus(rules.lockout(lockout)), false);
        return new Counted(locked, 0);
    }

    /** A guess counted as failed: the state to store, and the attempts left if it does turn out wrong. */
    public record Counted(PasscodeLockout next, int attemptsLeft) {}
}
