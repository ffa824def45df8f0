package com.stack.onboarding.user.app;

import com.stack.contracts.events.v1.ProfileUpdated;
import com.stack.defaults.errors.NotFoundException;
import com.stack.defaults.messaging.Outbox;
import com.stack.defaults.security.Caller;
import com.stack.onboarding.user.domain.Profile;
import com.stack.onboarding.user.domain.ProfileChange;
import com.stack.onboarding.user.domain.User;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Changes the caller's profile under the user's row lock, and announces the whole new profile
 * ({@link ProfileUpdated}) in the same transaction. A change to the values the profile already has stores and
 * announces nothing. A phone number another user has is refused by the unique index (the one authority, also when
 * two users race for one number: the second to commit is refused) as PHONE_NUMBER_TAKEN.
 */
@Service
public class UpdateProfile {

    private final Users users;
    private final Outbox outbox;
    private final TransactionalOperator transactions;

    public UpdateProfile(Users users, Outbox outbox, TransactionalOperator transactions) {
        this.users = users;
        this.outbox = outbox;
        this.transactions = transactions;
    }

    public Mono<User> update(Caller caller, ProfileChange change) {
        Mono<User> updated = users.lockById(caller.userId())
                .switchIfEmpty(Mono.error(() -> new NotFoundException("User (sign up first)")))
                .flatMap(user -> {
                    Profile profile = user.profile().with(change);
                    if (profile.equals(user.profile())) {
                        return Mono.just(user);
                    }
                    return users.updateProfile(user.id(), profile)
                            .flatMap(changed -> outbox.append(new ProfileUpdated(
                                            user.id(),
                                            profile.phoneNumber(),
                                            profile.displayName(),
                                            profile.timeZone(),
                                            changed.updatedAt()))
                                    .thenReturn(changed.user()));
                });
        return transactions
                .transactional(updated)
                .onErrorMap(
                        e -> e instanceof DataIntegrityViolationException violation
                                && users.isPhoneNumberTaken(violation),
                        e -> new PhoneNumberTakenException());
    }
}
