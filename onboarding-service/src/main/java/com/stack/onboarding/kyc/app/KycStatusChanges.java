package com.stack.onboarding.kyc.app;

import java.time.Clock;
import java.util.UUID;

import com.stack.contracts.events.v1.KycStatusChanged;
import com.stack.defaults.messaging.Outbox;
import com.stack.onboarding.shared.domain.KycStatus;
import com.stack.onboarding.user.app.Users;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Moves a user's KYC status: bumps the user's KYC version and appends KycStatusChanged with it.
 * Runs inside the caller's transaction, which holds the user's row lock, so versions never repeat.
 */
@Component
public class KycStatusChanges {

    private final Users users;
    private final Outbox outbox;
    private final Clock clock = Clock.systemUTC();

    public KycStatusChanges(Users users, Outbox outbox) {
        this.users = users;
        this.outbox = outbox;
    }

    /**
     * The new version of the user's KYC status. {@code country}: the one the application behind the change names
     * (null for a submission made before countries were kept); an approval makes it the user's.
     */
    public Mono<Long> change(UUID userId, KycStatus status, String country) {
        return users.changeKycStatus(userId, status, country)
                .flatMap(version -> outbox.append(
                                new KycStatusChanged(userId, status.name(), version, clock.instant(), country))
                        .thenReturn(version));
    }
}
