package com.stack.funding.inbox.app;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.stack.funding.inbox.domain.Ed25519WebhookSignature;
import com.stack.funding.inbox.domain.ReplayWindow;
import com.stack.funding.shared.domain.Partners;
import org.springframework.util.unit.DataSize;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Takes in one Due webhook delivery: the Ed25519 signature over the raw bytes is checked against the trusted
 * endpoint keys before anything is read from the body; then the delivery's {@code attemptedAt} against the
 * replay window; then it is stored once per event {@code id} and the processor woken. A stale delivery of an
 * event stored before is a late retry (acknowledged, no second effect); a stale one never seen is refused.
 */
public class DueWebhookIntake {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<PublicKey> keys = new CopyOnWriteArrayList<>();
    private final PartnerInbox inbox;
    private final PartnerInboxProcessor processor;
    private final ReplayWindow replayWindow;
    private final DataSize maxBodySize;
    private final DepositIntakeMetrics metrics;
    private final Clock clock;

    public DueWebhookIntake(
            List<PublicKey> configuredKeys,
            PartnerInbox inbox,
            PartnerInboxProcessor processor,
            ReplayWindow replayWindow,
            DataSize maxBodySize,
            DepositIntakeMetrics metrics,
            Clock clock) {
        this.keys.addAll(configuredKeys);
        this.inbox = inbox;
        this.processor = processor;
        this.replayWindow = replayWindow;
        this.maxBodySize = maxBodySize;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** The largest delivery taken in ({@code stack.due.webhook-max-body-size}); a larger one is refused unread. */
    public DataSize maxBodySize() {
        return maxBodySize;
    }

    /** Trusts one more endpoint key (the one Due returned when the endpoint was registered). */
    public void trust(PublicKey key) {
        if (!keys.contains(key)) {
            keys.add(key);
        }
    }

    /** Stored (true) or already stored (false); fails with {@link WebhookRejectedException}. */
    public Mono<Boolean> receive(String signature, byte[] body) {
        if (signature == null || signature.isBlank()) {
            return reject("missing_signature", "X-Webhook-Signature is required");
        }
        if (keys.stream().noneMatch(key -> Ed25519WebhookSignature.verifies(key, body, signature))) {
            return reject("bad_signature", "the signature does not match the body under any trusted endpoint key");
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            return reject("malformed", "not JSON");
        }
        String id = root.path("id").isString() ? root.path("id").asString() : null;
        String type = root.path("type").isString() ? root.path("type").asString() : null;
        Instant attemptedAt;
        try {
            attemptedAt =
                    OffsetDateTime.parse(root.path("attemptedAt").asString("")).toInstant();
        } catch (DateTimeParseException e) {
            attemptedAt = null;
        }
        if (id == null
                || id.isBlank()
                || id.length() > 255
                || type == null
                || type.isBlank()
                || type.length() > 128
                || attemptedAt == null) {
            return reject("malformed", "id, type and attemptedAt are required");
        }
        Mono<Boolean> result = replayWindow.admits(attemptedAt, clock.instant())
                ? inbox.store(Partners.DUE, id, type, new String(body, StandardCharsets.UTF_8))
                        .doOnNext(stored -> {
                            if (stored) {
                                processor.wake();
                            }
                        })
                : inbox.contains(Partners.DUE, id)
                        .flatMap(known -> known
                                ? Mono.just(false)
                                : reject(
                                        "stale",
                                        "attemptedAt is outside the replay window of " + replayWindow.width()));
        return result.doOnNext(stored -> metrics.webhook(Partners.DUE, stored ? "accepted" : "duplicate"))
                .doOnError(WebhookRejectedException.class, e -> metrics.webhook(Partners.DUE, e.reason()));
    }

    private <T> Mono<T> reject(String reason, String message) {
        metrics.webhook(Partners.DUE, reason);
        return Mono.error(new WebhookRejectedException(reason, message));
    }
}
