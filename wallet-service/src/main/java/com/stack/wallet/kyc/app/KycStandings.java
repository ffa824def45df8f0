package com.stack.wallet.kyc.app;

import java.time.Instant;
import java.util.UUID;

import com.stack.wallet.kyc.domain.KycStanding;
import reactor.core.publisher.Mono;

/** The users' KYC standing as onboarding announced it (port; the adapter is {@code adapters.KycStandingRepository}). */
public interface KycStandings {

    /**
     * Records the user's KYC standing unless one of the same or a higher version is recorded already (a stale or
     * repeated status, delivered late); true if recorded. Two deliveries racing cannot both win.
     */
    Mono<Boolean> recordIfNewer(UUID userId, KycStanding standing, Instant changedAt);

    Mono<KycStanding> find(UUID userId);
}
