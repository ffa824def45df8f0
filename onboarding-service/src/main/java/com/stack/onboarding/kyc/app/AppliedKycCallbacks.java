package com.stack.onboarding.kyc.app;

import com.stack.onboarding.kyc.domain.KycDecision;
import reactor.core.publisher.Mono;

/**
 * The provider's callbacks already applied, by eventId (port; the adapter is {@code adapters.KycCallbackInbox}, over
 * {@code kyc_callback_events}). Recording one in the transaction of its effect makes a redelivery a no-op.
 */
public interface AppliedKycCallbacks {

    /** True if the event is new (and now recorded); false if it was recorded before. */
    Mono<Boolean> recordIfNew(String eventId, String applicantId, KycDecision decision);
}
