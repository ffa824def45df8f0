package com.stack.onboarding.user.app;

import java.time.Instant;
import java.util.Collection;
import java.util.UUID;

import com.stack.onboarding.shared.domain.KycStatus;
import com.stack.onboarding.shared.domain.PasscodeLockout;
import com.stack.onboarding.user.domain.Profile;
import com.stack.onboarding.user.domain.User;
import org.springframework.dao.DataIntegrityViolationException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The users, with their passcode, profile and KYC status (port; the adapter is {@code adapters.UserRepository},
 * over {@code users}). The {@code lock...} methods read under the user's row lock: call them inside a transaction.
 */
public interface Users {

    /** Inserts the user unless one already exists for the subject; empty when it already existed. */
    Mono<User> insertIfAbsent(UUID id, String subject, String email, String phoneNumber);

    /** The user; empty for an unknown user. */
    Mono<User> findById(UUID id);

    /** The users of {@code ids} that exist, in no particular order. */
    Flux<User> findAllById(Collection<UUID> ids);

    /** The passcode's hash and lockout, read under the user's row lock; empty for an unknown user. */
    Mono<PasscodeState> lockPasscodeState(UUID id);

    /** Stores the new passcode's hash; its lockout starts afresh (the guesses were against the old one). */
    Mono<Long> updatePasscode(UUID id, String hash);

    /** Stores the passcode's lockout (its failed attempts, lockouts, locked-until and reset flag); rows updated. */
    Mono<Long> storePasscodeLockout(UUID id, PasscodeLockout lockout);

    /**
     * Clears the lockout after a successful verification, unless the passcode was replaced since it was
     * read ({@code hash}): the success proved the old passcode, not the new one.
     */
    Mono<Long> clearPasscodeLockout(UUID id, String hash);

    /** The user, read under the user's row lock; empty for an unknown user. */
    Mono<User> lockById(UUID id);

    /**
     * Stores the profile; the user and when its profile changed: strictly later than its previous change, even if
     * the clock stepped back, so that consumers keeping the newest profile by this time keep the last one.
     */
    Mono<ProfileChanged> updateProfile(UUID id, Profile profile);

    /** Whether the error is the violation of the phone number's uniqueness (another user has the number). */
    boolean isPhoneNumberTaken(DataIntegrityViolationException e);

    /** The user's KYC status and its version, read under the user's row lock; empty for an unknown user. */
    Mono<KycState> lockKycState(UUID id);

    /**
     * Sets the user's KYC status and bumps its version; the new version. An approval also makes {@code country}
     * (the approved application's, when known) the user's.
     */
    Mono<Long> changeKycStatus(UUID id, KycStatus status, String country);

    /** The user after a profile change, and when the profile changed. */
    record ProfileChanged(User user, Instant updatedAt) {}

    /** The user's KYC status and its version. */
    record KycState(KycStatus status, long version) {}

    /** What passcode verification needs, read under a row lock so concurrent attempts count one by one. */
    record PasscodeState(String hash, PasscodeLockout lockout) {}
}
