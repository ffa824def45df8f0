package com.stack.wallet.user.app;

import com.stack.contracts.events.EventEnvelope;
import com.stack.contracts.events.v1.UserRegistered;
import com.stack.defaults.messaging.EventHandler;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** Learns of new users from onboarding's UserRegistered; wallet creation builds on this. */
@Service
public class UserRegistrations implements EventHandler<UserRegistered> {

    private final KnownUsers knownUsers;

    public UserRegistrations(KnownUsers knownUsers) {
        this.knownUsers = knownUsers;
    }

    @Override
    public Mono<Void> handle(EventEnvelope<UserRegistered> event) {
        UserRegistered user = event.data();
        return knownUsers
                .recordIfAbsent(user.userId(), user.email(), user.registeredAt())
                .then();
    }
}
