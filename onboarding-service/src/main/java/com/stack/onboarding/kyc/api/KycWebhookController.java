package com.stack.onboarding.kyc.api;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.stack.defaults.errors.InvalidInputException;
import com.stack.onboarding.kyc.app.ApplyKycDecision;
import com.stack.onboarding.kyc.domain.KycCallback;
import com.stack.onboarding.kyc.domain.KycWebhookSignature;
import com.stack.onboarding.kyc.domain.KycWebhookSignature.Verdict;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /webhooks/kyc}: the KYC provider's decisions. No bearer token: the provider proves
 * itself with the HMAC signature over the raw body, checked before a byte of it is parsed. Answers:
 * 200 {@code {"status":"processed"|"duplicate"}}; 401 for a missing, malformed or wrong signature or
 * a timestamp outside the replay window; 400 for a signed but unusable body; 404 for an applicant we
 * do not know (yet: a callback can beat the commit of its submission, and the provider retries any
 * non-2xx answer); 413 for a body over {@value #MAX_BODY_BYTES} bytes. Errors are
 * {@code {"error": ..., "message": ...}}. Each callback is counted in {@code stack.webhook.requests{partner=kyc,
 * result}}: {@code accepted}, {@code duplicate}, {@code unknown_applicant}, or why it was refused
 * ({@code missing_signature}, {@code bad_signature}, {@code stale}, {@code malformed}, {@code too_large}).
 */
@RestController
public class KycWebhookController {

    static final int MAX_BODY_BYTES = 64 * 1024;
    static final String PARTNER = "kyc";

    private static final Logger log = LoggerFactory.getLogger(KycWebhookController.class);

    private final KycWebhookSignature signature;
    private final ApplyKycDecision decisions;
    private final JsonMapper json;
    private final MeterRegistry meters;
    private final Clock clock = Clock.systemUTC();

    public KycWebhookController(
            KycWebhookSignature signature, ApplyKycDecision decisions, JsonMapper json, MeterRegistry meters) {
        this.signature = signature;
        this.decisions = decisions;
        this.json = json;
        this.meters = meters;
    }

    @PostMapping("/webhooks/kyc")
    public Mono<ResponseEntity<Map<String, String>>> receive(ServerHttpRequest request) {
        if (request.getHeaders().getContentLength() > MAX_BODY_BYTES) {
            return Mono.just(tooLarge());
        }
        String signatureHeader = request.getHeaders().getFirst(KycWebhookSignature.HEADER);
        return DataBufferUtils.join(request.getBody(), MAX_BODY_BYTES)
                .map(buffer -> {
                    try {
                        byte[] bytes = new byte[buffer.readableByteCount()];
                        buffer.read(bytes);
                        return bytes;
                    } finally {
                        DataBufferUtils.release(buffer);
                    }
                })
                .defaultIfEmpty(new byte[0])
                .flatMap(body -> receive(signatureHeader, body))
                .onErrorResume(DataBufferLimitException.class, e -> Mono.just(tooLarge()));
    }

    private Mono<ResponseEntity<Map<String, String>>> receive(String signatureHeader, byte[] body) {
        Verdict verdict = signature.verify(signatureHeader, body, clock.instant());
        if (!verdict.valid()) {
            log.warn("Refused a KYC callback: signature {}", verdict);
            counted(
                    switch (verdict) {
                        case MISSING -> "missing_signature";
                        case OUTSIDE_REPLAY_WINDOW -> "stale";
                        default -> "bad_signature";
                    });
            return Mono.just(error(
                    HttpStatus.UNAUTHORIZED,
                    "invalid_signature",
                    switch (verdict) {
                        case MISSING -> "The " + KycWebhookSignature.HEADER + " header is required";
                        case OUTSIDE_REPLAY_WINDOW -> "The signature's timestamp is outside the replay window";
                        default -> "The signature does not match";
                    }));
        }
        KycCallback callback;
        try {
            CallbackBody parsed = json.readValue(body, CallbackBody.class);
            callback = KycCallback.of(parsed.eventId(), parsed.applicantId(), parsed.decision(), parsed.reasons());
        } catch (JacksonException e) {
            counted("malformed");
            return Mono.just(error(HttpStatus.BAD_REQUEST, "invalid_request", "The body is not a KYC callback"));
        } catch (InvalidInputException e) {
            counted("malformed");
            return Mono.just(error(HttpStatus.BAD_REQUEST, "invalid_request", e.getMessage()));
        }
        return decisions
                .apply(callback)
                .doOnNext(outcome -> log.info(
                        "KYC callback {} ({} for applicant {}): {}",
                        callback.eventId(),
                        callback.decision().wireName(),
                        callback.applicantId(),
                        outcome))
                .doOnNext(outcome -> counted(
                        switch (outcome) {
                            case APPLIED -> "accepted";
                            case DUPLICATE -> "duplicate";
                            case UNKNOWN_APPLICANT -> "unknown_applicant";
                        }))
                .map(outcome -> switch (outcome) {
                    case APPLIED -> ResponseEntity.ok(Map.of("status", "processed"));
                    case DUPLICATE -> ResponseEntity.ok(Map.of("status", "duplicate"));
                    case UNKNOWN_APPLICANT ->
                        error(HttpStatus.NOT_FOUND, "unknown_applicant", "No submission has this applicantId");
                });
    }

    private void counted(String result) {
        meters.counter("stack.webhook.requests", "partner", PARTNER, "result", result)
                .increment();
    }

    private ResponseEntity<Map<String, String>> tooLarge() {
        counted("too_large");
        return error(
                HttpStatus.CONTENT_TOO_LARGE, "payload_too_large", "The body exceeds " + MAX_BODY_BYTES + " bytes");
    }

    private static ResponseEntity<Map<String, String>> error(HttpStatus status, String error, String message) {
        return ResponseEntity.status(status).body(Map.of("error", error, "message", message));
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record CallbackBody(
            String eventId,
            String applicantId,
            String externalUserId,
            String decision,
            List<String> reasons,
            String occurredAt) {}
}
