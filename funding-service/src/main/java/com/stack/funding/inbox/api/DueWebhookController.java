package com.stack.funding.inbox.api;

import com.stack.funding.inbox.app.DepositIntakeMetrics;
import com.stack.funding.inbox.app.DueWebhookIntake;
import com.stack.funding.inbox.app.WebhookRejectedException;
import com.stack.funding.shared.domain.Partners;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Due's webhook endpoint ({@code POST /webhooks/due}, routed here by the gateway). The raw body (at most
 * {@code stack.due.webhook-max-body-size}, else 413) goes to the intake, which verifies
 * {@code X-Webhook-Signature} before anything is parsed. Answers: 200 stored or already stored; 401 not
 * Due's, malformed, or a replay. Error bodies say nothing about the check that failed.
 */
@RestController
public class DueWebhookController {

    public static final String PATH = "/webhooks/due";
    public static final String SIGNATURE = "X-Webhook-Signature";

    private static final Logger log = LoggerFactory.getLogger(DueWebhookController.class);

    private final DueWebhookIntake intake;
    private final DepositIntakeMetrics metrics;
    private final WebhookBody body;

    public DueWebhookController(DueWebhookIntake intake, DepositIntakeMetrics metrics) {
        this.intake = intake;
        this.metrics = metrics;
        this.body = new WebhookBody(intake.maxBodySize());
    }

    @PostMapping(PATH)
    public Mono<ResponseEntity<Void>> delivery(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        if (body.declaredTooLarge(request)) {
            return Mono.just(tooLarge());
        }
        String signature = request.getHeaders().getFirst(SIGNATURE);
        return body.read(request)
                .flatMap(bytes -> intake.receive(signature, bytes))
                .map(stored -> ResponseEntity.ok().<Void>build())
                .onErrorResume(DataBufferLimitException.class, e -> Mono.just(tooLarge()))
                .onErrorResume(WebhookRejectedException.class, e -> {
                    log.warn("Refused a Due webhook delivery ({}): {}", e.reason(), e.getMessage());
                    return Mono.just(
                            ResponseEntity.status(HttpStatus.UNAUTHORIZED).build());
                });
    }

    private ResponseEntity<Void> tooLarge() {
        metrics.webhook(Partners.DUE, "too_large");
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).build();
    }
}
