package com.stack.onboarding.passcode.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.stack.defaults.errors.ConflictException;
import com.stack.defaults.errors.NotFoundException;
import com.stack.defaults.errors.RetryLaterException;
import com.stack.defaults.security.Caller;
import com.stack.onboarding.passcode.domain.PasscodeChangeLimit;
import com.stack.onboarding.shared.domain.PasscodeLockout;
import com.stack.onboarding.shared.domain.PasscodeLockout.Counted;
import com.stack.onboarding.shared.domain.PasscodeLockout.Locked;
import com.stack.onboarding.shared.domain.PasscodeLockout.Open;
import com.stack.onboarding.shared.domain.PasscodeLockout.ResetRequired;
import com.stack.onboarding.user.app.Users;
import com.stack.onboarding.user.app.Users.PasscodeState;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Sets and verifies the app-login passcode. The passcode reaches here well formed (the API checks it).
 *
 * <p>Verification counts the guess as failed before checking it, in a short transaction under the user's
 * row lock, then compares the hashes outside any transaction and clears the count if it matched: guesses
 * made at the same time are counted one by one and can never get more attempts than {@link PasscodeLockout}
 * allows, and no connection or lock is held while Argon2 runs.
 *
 * <p>Setting a passcode is limited per user ({@link PasscodeChangeLimit}, counted in this service's
 * database), and a locked passcode (a timed lockout or one that requires a reset) can only be replaced by a
 * user who signed in within {@code reauthenticationMaxAge}: a stolen session cannot unlock it.
 */
public class Passcodes {

    private final Users users;
    private final PasscodeChanges changes;
    private final TransactionalOperator transactions;
    private final PasscodeHashing hashing;
    private final Settings settings;
    private final Clock clock;

    /**
     * @param lockout                the lockout rules of verification
     * @param changeLimit            how often a user may set a passcode
     * @param reauthenticationMaxAge how recently a user must have signed in to replace a locked passcode
     */
    public record Settings(
            PasscodeLockout.Rules lockout, PasscodeChangeLimit changeLimit, Duration reauthenticationMaxAge) {}

    public Passcodes(
            Users users,
            PasscodeChanges changes,
            TransactionalOperator transactions,
            PasscodeHashing hashing,
            Settings settings,
            Clock clock) {
        this.users = users;
        this.changes = changes;
        this.transactions = transactions;
        this.hashing = hashing;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Sets the caller's passcode, which the API checked with {@code PasscodePolicy.requireAcceptable}.
     *
     * @param signedInAt when the caller last signed in (the token's {@code auth_time}, else its {@code iat})
     */
    public Mono<Boolean> set(Caller caller, Instant signedInAt, String passcode) {
        UUID user = caller.userId();
        return hashing.whenAdmitted(hasher -> Mono.defer(() -> {
            Instant now = clock.instant();
            return users.lockPasscodeState(user)
                    .switchIfEmpty(Mono.error(() -> new NotFoundException("User (sign up first)")))
                    .flatMap(state -> admitChange(user, state, signedInAt, now))
                    .as(transactions::transactional)
                    .then(hasher.hash(passcode))
                    .flatMap(hash -> users.updatePasscode(user, hash))
                    .map(updated -> true);
        }));
    }

    private Mono<Void> admitChange(UUID user, PasscodeState state, Instant signedInAt, Instant now) {
        if (state.hash() != null
                && !(state.lockout().status(now) instanceof Open)
                && signedInAt.isBefore(now.minus(settings.reauthenticationMaxAge()))) {
            return Mono.error(new ReauthenticationRequiredException(settings.reauthenticationMaxAge()));
        }
        PasscodeChangeLimit limit = settings.changeLimit();
        return changes.recent(user, limit.windowStart(now))
                .flatMap(recent -> limit.waitBeforeNext(recent.count(), recent.oldest(), now)
                        .<Mono<Void>>map(wait -> Mono.error(RetryLaterException.rateLimited(
                                "At most " + limit.maxChanges() + " passcode changes per " + limit.window(), wait)))
                        .orElseGet(() -> changes.record(user, now)));
    }

    /** Checks a well-formed guess of the caller's passcode. */
    public Mono<Verification> verify(Caller caller, String passcode) {
        UUID user = caller.userId();
        return hashing.whenAdmitted(hasher -> Mono.defer(() -> {
            Instant now = clock.instant();
            return users.lockPasscodeState(user)
                    .switchIfEmpty(Mono.error(() -> new NotFoundException("User (sign up first)")))
                    .flatMap(state -> countGuess(user, state, now))
                    .as(transactions::transactional)
                    .flatMap(guess -> hasher.matches(passcode, guess.hash())
                            .flatMap(ok -> ok
                                    ? users.clearPasscodeLockout(user, guess.hash())
                                            .thenReturn(new Verification(
                                                    true, settings.lockout().maxFailedAttempts()))
                                    : Mono.just(new Verification(
                                            false, guess.counted().attemptsLeft()))));
        }));
    }

    private Mono<Guess> countGuess(UUID user, PasscodeState state, Instant now) {
        if (state.hash() == null) {
            return Mono.error(new ConflictException("PASSCODE_NOT_SET", "No passcode has been set"));
        }
        PasscodeLockout.Status status = state.lockout().status(now);
        if (status instanceof ResetRequired) {
            return Mono.error(new PasscodeResetRequiredException());
        }
        if (status instanceof Locked locked) {
            return Mono.error(new PasscodeLockedException(locked.until(), now));
        }
        Counted counted = state.lockout().countFailure(settings.lockout(), now);
        return users.storePasscodeLockout(user, counted.next()).thenReturn(new Guess(state.hash(), counted));
    }

    private record Guess(String hash, Counted counted) {}

    public record Verification(boolean ok, int attemptsLeft) {}
}
