package com.stack.funding.inbox.api;

import com.stack.funding.inbox.app.CircleNotificationIntake;
import com.stack.funding.inbox.app.CircleNotificationKeys;
import com.stack.funding.inbox.app.DepositIntakeMetrics;
import com.stack.funding.inbox.app.MalformedNotificationException;
import com.stack.funding.inbox.app.WebhookRejectedException;
import com.stack.funding.shared.domain.Partners;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Circle's webhook endpoint. {@code HEAD} answers 200 (Circle checks the endpoint when subscribing).
 * {@code POST} reads the raw body (at most {@code stack.circle.webhook-max-body-size}, else 413) and
 * hands it to the intake, which verifies {@code X-Circle-Signature} with the key named by
 * {@code X-Circle-Key-Id} before anything is parsed. Answers: 200 stored or already stored (Circle stops
 * retrying); 401 not Circle's or a replay (a key id Circle does not have included); 400 signed but not a
 * notification; 503 the signing key cannot be fetched now (Circle retries later), or it is a key id not seen
 * before while new key ids are looked up at their bound ({@code stack.circle.key-lookups-per-minute}): 503 and not
 * 401 there, since a genuine new key (Circle rotated) must be retried, not dropped; Retry-After says when a
 * lookup is allowed again. Error bodies say nothing about the check that failed.
 */
@RestController
public class CircleWebhookController {

    public static final String PATH = "/webhooks/circle";
    public static final String KEY_ID = "X-Circle-Key-Id";
    public static final String SIGNATURE = "X-Circle-Signature";

    private static final Logger log = LoggerFactory.getLogger(CircleWebhookController.class);

    private final CircleNotificationIntake intake;
    private final DepositIntakeMetrics metrics;
    private final WebhookBody body;

    public CircleWebhookController(CircleNotificationIntake intake, DepositIntakeMetrics metrics) {
        this.intake = intake;
        this.metrics = metrics;
        this.body = new WebhookBody(intake.maxBodySize());
    }

    @RequestMapping(path = PATH, method = RequestMethod.HEAD)
    public Mono<ResponseEntity<Void>> subscriptionCheck() {
        return Mono.just(ResponseEntity.ok().build());
    }

    @RequestMapping(path = PATH, method = RequestMethod.POST)
    public Mono<ResponseEntity<Void>> notification(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        if (body.declaredTooLarge(request)) {
            return Mono.just(tooLarge());
        }
        HttpHeaders headers = request.getHeaders();
        return body.read(request)
                .flatMap(bytes -> intake.receive(headers.getFirst(KEY_ID), headers.getFirst(SIGNATURE), bytes))
                .map(receipt -> ResponseEntity.ok().<Void>build())
                .onErrorResume(DataBufferLimitException.class, e -> Mono.just(tooLarge()))
                .onErrorResume(WebhookRejectedException.class, e -> {
                    log.warn("Refused a Circle webhook delivery ({}): {}", e.reason(), e.getMessage());
                    return Mono.just(
                            ResponseEntity.status(HttpStatus.UNAUTHORIZED).build());
                })
                .onErrorResume(MalformedNotificationException.class, e -> {
                    log.warn("Refused a signed Circle webhook delivery that is not a notification: {}", e.getMessage());
                    return Mono.just(ResponseEntity.badRequest().build());
                })
                .onErrorResume(CircleNotificationKeys.KeyLookupsLimitedException.class, e -> {
                    log.warn("Not checking a Circle webhook delivery now: {}", e.getMessage());
                    long seconds = Math.max(
                            1, e.retryAfter().toSeconds() + (e.retryAfter().toNanosPart() > 0 ? 1 : 0));
                    return Mono.just(ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                            .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                            .build());
                })
                .onErrorResume(CircleNotificationKeys.KeysUnavailableException.class, e -> {
                    log.warn("Cannot check a Circle webhook delivery now: {}", e.getMessage());
                    return Mono.just(ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                            .header(HttpHeaders.RETRY_AFTER, "30")
                            .build());
                });
    }

    private ResponseEntity<Void> tooLarge() {
        metrics.webhook(Partners.CIRCLE, "too_large");
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).build();
    }
}
