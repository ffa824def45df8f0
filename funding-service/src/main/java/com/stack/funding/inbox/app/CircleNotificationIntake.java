package com.stack.funding.inbox.app;

import java.nio.charset.StandardCharsets;
import java.time.Clock;

import com.stack.funding.inbox.app.CircleNotificationEnvelopes.Envelope;
import com.stack.funding.inbox.domain.ReplayWindow;
import com.stack.funding.inbox.domain.WebhookSignature;
import com.stack.funding.shared.domain.Partners;
import org.springframework.util.unit.DataSize;
import reactor.core.publisher.Mono;

/**
 * Takes in one Circle webhook delivery: checks the signature over the raw bytes with the key Circle
 * names, before reading anything from the body; then the notification's timestamp against the replay
 * window; then stores it once per {@code notificationId} and wakes the processor. Nothing is applied
 * here: the endpoint answers as soon as the notification is safely stored.
 *
 * <p>A stale notification that was stored before is a late retry of one already taken, and is
 * acknowledged (Circle stops retrying; there is no second effect). A stale one never seen is refused.
 */
public class CircleNotificationIntake {

    /** What became of a delivery that was accepted. */
    public enum Receipt {
        STORED,
        DUPLICATE
    }

    private final CircleNotificationKeys keys;
    private final CircleNotificationEnvelopes envelopes;
    private final PartnerInbox inbox;
    private final PartnerInboxProcessor processor;
    private final ReplayWindow replayWindow;
    private final DataSize maxBodySize;
    private final DepositIntakeMetrics metrics;
    private final Clock clock;

    public CircleNotificationIntake(
            CircleNotificationKeys keys,
            CircleNotificationEnvelopes envelopes,
            PartnerInbox inbox,
            PartnerInboxProcessor processor,
            ReplayWindow replayWindow,
            DataSize maxBodySize,
            DepositIntakeMetrics metrics,
            Clock clock) {
        this.keys = keys;
        this.envelopes = envelopes;
        this.inbox = inbox;
        this.processor = processor;
        this.replayWindow = replayWindow;
        this.maxBodySize = maxBodySize;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** The largest delivery taken in ({@code stack.circle.webhook-max-body-size}); a larger one is refused unread. */
    public DataSize maxBodySize() {
        return maxBodySize;
    }

    /**
     * Fails with {@link WebhookRejectedException} (not Circle's, or a replay),
     * {@link MalformedNotificationException} (signed but not a notification) or
     * {@link CircleNotificationKeys.KeysUnavailableException} or {@link CircleNotificationKeys.KeyLookupsLimitedException}
     * (cannot be checked now).
     */
    public Mono<Receipt> receive(String keyId, String signature, byte[] body) {
        return verifiedAndStored(keyId, signature, body)
                .doOnNext(receipt ->
                        metrics.webhook(Partners.CIRCLE, receipt == Receipt.STORED ? "accepted" : "duplicate"))
                .doOnError(e -> metrics.webhook(Partners.CIRCLE, resultOf(e)));
    }

    private Mono<Receipt> verifiedAndStored(String keyId, String signature, byte[] body) {
        if (keyId == null || keyId.isBlank() || signature == null || signature.isBlank()) {
            return reject("missing_signature", "X-Circle-Key-Id and X-Circle-Signature are required");
        }
        return keys.publicKey(keyId)
                .onErrorMap(
                        CircleNotificationKeys.UnknownKeyException.class,
                        e -> new WebhookRejectedException("unknown_key", e.getMessage()))
                .flatMap(key -> WebhookSignature.verifies(key, body, signature)
                        ? Mono.just(body)
                        : Mono.<byte[]>error(
                                new WebhookRejectedException("bad_signature", "the signature does not match the body")))
                .map(envelopes::envelope)
                .flatMap(envelope -> replayWindow.admits(envelope.timestamp(), clock.instant())
                        ? store(envelope, body)
                        : lateRetryOrReplay(envelope));
    }

    private Mono<Receipt> store(Envelope envelope, byte[] body) {
        return inbox.store(
                        Partners.CIRCLE,
                        envelope.notificationId(),
                        envelope.notificationType(),
                        new String(body, StandardCharsets.UTF_8))
                .map(stored -> {
                    if (stored) {
                        // committed (a single statement): the processor picks it up now, not at the next sweep
                        processor.wake();
                    }
                    return stored ? Receipt.STORED : Receipt.DUPLICATE;
                });
    }

    private Mono<Receipt> lateRetryOrReplay(Envelope envelope) {
        return inbox.contains(Partners.CIRCLE, envelope.notificationId())
                .flatMap(known -> known
                        ? Mono.just(Receipt.DUPLICATE)
                        : Mono.error(new WebhookRejectedException(
                                "stale",
                                "timestamp " + envelope.timestamp() + " is outside the replay window of "
                                        + replayWindow.width())));
    }

    private static <T> Mono<T> reject(String reason, String message) {
        return Mono.error(new WebhookRejectedException(reason, message));
    }

    private static String resultOf(Throwable e) {
        if (e instanceof WebhookRejectedException rejected) {
            return rejected.reason();
        }
        if (e instanceof MalformedNotificationException) {
            return "malformed";
        }
        if (e instanceof CircleNotificationKeys.KeysUnavailableException) {
            return "keys_unavailable";
        }
        if (e instanceof CircleNotificationKeys.KeyLookupsLimitedException) {
            return "key_lookups_limited";
        }
        return "error";
    }
}
