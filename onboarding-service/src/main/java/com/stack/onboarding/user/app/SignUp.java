package com.stack.onboarding.user.app;

import com.stack.contracts.events.v1.UserRegistered;
import com.stack.defaults.errors.ConflictException;
import com.stack.defaults.messaging.Outbox;
import com.stack.defaults.security.Caller;
import com.stack.onboarding.user.domain.ContactDetails;
import com.stack.onboarding.user.domain.User;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Registers the caller. Idempotent per token subject: a second sign-up returns the same user. A new
 * user and its UserRegistered event commit together; a repeated sign-up publishes nothing.
 */
@Service
public class SignUp {

    private final Users users;
    private final Outbox outbox;
    private final TransactionalOperator transactions;

    public SignUp(Users users, Outbox outbox, TransactionalOperator transactions) {
        this.users = users;
        this.outbox = outbox;
        this.transactions = transactions;
    }

    public Mono<User> signUp(Caller caller, String email, String phoneNumber) {
        ContactDetails contact = ContactDetails.of(email, phoneNumber);
        Mono<User> registered = users.insertIfAbsent(
                        caller.userId(), caller.subject(), contact.email(), contact.phoneNumber())
                .flatMap(user -> outbox.append(
                                new UserRegistered(user.id(), user.email(), user.phoneNumber(), user.createdAt()))
                        .thenReturn(user));
        return transactions
                .transactional(registered)
                .switchIfEmpty(Mono.defer(() -> users.findById(caller.userId())))
                .onErrorMap(DataIntegrityViolationException.class, this::uniqueValueTaken);
    }

    private ConflictException uniqueValueTaken(DataIntegrityViolationException e) {
        if (users.isPhoneNumberTaken(e)) {
            return new PhoneNumberTakenException();
        }
        return new ConflictException("EMAIL_TAKEN", "This e-mail address belongs to another account");
    }
}
