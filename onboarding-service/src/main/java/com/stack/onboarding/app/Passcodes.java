package com.stack.onboarding.app;

import java.time.Clock;
import java.time.Instant;

import com.stack.defaults.errors.ConflictException;
import com.stack.defaults.errors.NotFoundException;
import com.stack.defaults.security.Caller;
import com.stack.onboarding.adapters.UserRepository;
import com.stack.onboarding.adapters.UserRepository.PasscodeState;
import com.stack.onboarding.domain.PasscodePolicy;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Sets and verifies the app-login passcode. Argon2id is deliberately slow and CPU-bound, so hashing
 * and matching run on the bounded elastic scheduler, never on an event-loop thread. Verification
 * holds the user's row lock so concurrent guesses are counted one by one.
 */
@Service
public class Passcodes {

    private final UserRepository users;
    private final TransactionalOperator transactions;
    private final Argon2PasswordEncoder encoder = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    private final Clock clock;

    @Autowired
    public Passcodes(UserRepository users, TransactionalOperator transactions) {
        this(users, transactions, Clock.systemUTC());
    }

    Passcodes(UserRepository users, TransactionalOperator transactions, Clock clock) {
        this.users = users;
        this.transactions = transactions;
        this.clock = clock;
    }

    public Mono<Boolean> set(Caller caller, String passcode) {
        PasscodePolicy.requireAcceptable(passcode);
        return Mono.fromCallable(() -> encoder.encode(passcode))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(hash -> users.updatePasscode(caller.userId(), hash))
                .flatMap(updated -> updated == 1 ? Mono.just(true)
                        : Mono.error(new NotFoundException("User (sign up first)")));
    }

    public Mono<Verification> verify(Caller caller, String passcode) {
        return users.lockPasscodeState(caller.userId())
                .switchIfEmpty(Mono.error(() -> new NotFoundException("User (sign up first)")))
                .flatMap(state -> check(caller, state, passcode))
                .as(transactions::transactional);
    }

    private Mono<Verification> check(Caller caller, PasscodeState state, String passcode) {
        Instant now = clock.instant();
        if (state.hash() == null) {
            return Mono.error(new ConflictException("PASSCODE_NOT_SET", "No passcode has been set"));
        }
        if (PasscodePolicy.isLocked(state.lockedUntil(), now)) {
            return Mono.error(new ConflictException("PASSCODE_LOCKED",
                    "Too many failed attempts; try again after " + state.lockedUntil()));
        }
        // a malformed guess is a failed attempt like any other, but not worth an Argon2 computation;
        // the encoder compares the derived hashes in constant time
        return Mono.fromCallable(() -> PasscodePolicy.isWellFormed(passcode) && encoder.matches(passcode, state.hash()))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(ok -> {
                    int failed = ok ? 0 : state.failedAttempts() + 1;
                    Instant lockedUntil = failed >= PasscodePolicy.MAX_FAILED_ATTEMPTS
                            ? now.plus(PasscodePolicy.LOCKOUT) : null;
                    // after a lockout the counter starts again
                    int stored = lockedUntil != null ? 0 : failed;
                    return users.recordPasscodeAttempt(caller.userId(), stored, lockedUntil)
                            .thenReturn(new Verification(ok, ok ? PasscodePolicy.MAX_FAILED_ATTEMPTS
                                    : PasscodePolicy.attemptsLeft(failed)));
                });
    }

    public record Verification(boolean ok, int attemptsLeft) {
    }
}
