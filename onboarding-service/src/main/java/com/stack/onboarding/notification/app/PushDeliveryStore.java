package com.stack.onboarding.notification.app;

import java.time.Duration;
import java.util.UUID;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The push deliveries of recorded notifications (port; the adapter is {@code adapters.PushDeliveryRepository}, over
 * {@code push_deliveries}).
 */
public interface PushDeliveryStore {

    /** A pending delivery of the notification, due now; nothing when it has one. Runs in the notification's transaction. */
    Mono<Void> insertPending(UUID notificationId, UUID userId);

    /**
     * Claims up to {@code batch} deliveries due for an attempt (pending, their backoff passed, not claimed by a live
     * lease) for {@code lease}: instances claim side by side, and a claim lapses if its instance dies, so another one
     * takes over.
     */
    Flux<Claim> claimDue(Duration lease, int batch);

    /** Completes the delivery: every device was reached or found dead. */
    Mono<Void> markDone(UUID notificationId);

    /** Gives up on the delivery after its last attempt, with the reason kept for operators. */
    Mono<Void> markFailed(UUID notificationId, String error);

    /** Releases a failed claim: the delivery is due again after {@code delay}. */
    Mono<Void> retryLater(UUID notificationId, String error, Duration delay);

    /** A delivery claimed for one attempt ({@code attempts} counts this one). */
    record Claim(UUID notificationId, UUID userId, int attempts, String kind, String title, String body) {}
}
