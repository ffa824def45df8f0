package com.stack.onboarding.kyc.adapters;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.stack.defaults.errors.InvalidInputException;
import com.stack.defaults.errors.StackException;
import com.stack.defaults.resilience.PartnerResilience;
import com.stack.onboarding.kyc.app.KycProvider;
import com.stack.onboarding.kyc.app.KycProviderUnavailableException;
import com.stack.onboarding.kyc.domain.KycApplication;
import com.stack.onboarding.kyc.domain.KycSubmissionPolicy;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.RetryConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.core.publisher.Mono;

/**
 * The KYC provider over HTTP ({@code POST {base}/v1/applicants}, bearer API key). Each call has a
 * per-try timeout, is retried with exponential backoff on failures that may be transient (5xx, 429,
 * timeouts, connection errors) — safe because the Idempotency-Key makes a repeat reach the same
 * applicant — and goes through a circuit breaker (open at 50% failed tries of the last 20, at least 10,
 * for 30 s), so a provider that keeps failing is not waited on by every user: {@link PartnerResilience} with a
 * breaker and jittered backoff of its own, and its metrics (partner {@code kyc-provider}). The provider's error
 * bodies never leave this class: they become typed exceptions.
 */
public class KycProviderClient implements KycProvider {

    private static final Logger log = LoggerFactory.getLogger(KycProviderClient.class);

    /** The fields of our request the provider may name in a 400; anything else is reported as the input as a whole. */
    private static final Set<String> INPUT_FIELDS =
            Set.of("firstName", "lastName", "dateOfBirth", "country", "documentNumber");

    private static final String NAME = "kyc-provider";

    private final WebClient web;
    private final String callbackUrl;
    private final PartnerResilience resilience;

    /**
     * @param web          a client with the provider's base URL and our API key as default headers
     * @param callbackUrl  where the provider delivers its decisions (through the gateway to our webhook)
     * @param timeout      how long one try may take
     * @param tries        tries per call, the first included
     * @param firstBackoff the wait before the second try; it doubles, with jitter, for each further one
     */
    public KycProviderClient(WebClient web, String callbackUrl, Duration timeout, int tries, Duration firstBackoff) {
        this.web = web;
        this.callbackUrl = callbackUrl;
        this.resilience = new PartnerResilience(
                NAME,
                timeout,
                CircuitBreakerConfig.custom()
                        .slidingWindowSize(20)
                        .minimumNumberOfCalls(10)
                        .failureRateThreshold(50)
                        .waitDurationInOpenState(Duration.ofSeconds(30))
                        .permittedNumberOfCallsInHalfOpenState(3)
                        // a refused field or a reused key is about the request, not a sign of a failing provider
                        .recordException(KycProviderClient::isTransient)
                        .build(),
                RetryConfig.custom()
                        .maxAttempts(tries)
                        .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(firstBackoff, 2.0, 0.3))
                        .retryOnException(KycProviderClient::isTransient)
                        .build(),
                // nothing is translated before the breaker and the retry: they see the attempt's own errors
                e -> true);
    }

    /** Same user and attempt, same key: at most one applicant per attempt, however often it is sent. */
    static String idempotencyKey(UUID userId, int attempt) {
        return "stack-kyc-" + userId + "-" + attempt;
    }

    /** Failures worth another try (and worth counting against the provider's health). */
    static boolean isTransient(Throwable e) {
        return e instanceof ProviderServerError
                || e instanceof TimeoutException
                || e instanceof WebClientRequestException;
    }

    @Override
    public Mono<Applicant> createApplicant(UUID userId, int attempt, KycApplication application) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("externalUserId", userId.toString());
        body.put("firstName", application.firstName());
        body.put("lastName", application.lastName());
        body.put("dateOfBirth", application.dateOfBirth().toString());
        body.put("country", application.country());
        body.put("documentNumber", application.documentNumber());
        body.put("callbackUrl", callbackUrl);
        String key = idempotencyKey(userId, attempt);
        return web.post()
                .uri("/v1/applicants")
                .header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchangeToMono(KycProviderClient::applicant)
                .as(call -> resilience.call(call, e -> e, e -> e))
                .onErrorMap(e -> !(e instanceof StackException), e -> unavailable(key, e));
    }

    private static Mono<Applicant> applicant(ClientResponse response) {
        HttpStatusCode status = response.statusCode();
        if (status.is2xxSuccessful()) {
            return response.bodyToMono(ApplicantBody.class)
                    .filter(applicant -> applicant.applicantId() != null
                            && !applicant.applicantId().isBlank())
                    .map(applicant -> new Applicant(applicant.applicantId(), applicant.status()))
                    .switchIfEmpty(
                            Mono.error(() -> new ProviderServerError(status, "answered without an applicantId")));
        }
        if (status.is5xxServerError() || status.value() == HttpStatus.TOO_MANY_REQUESTS.value()) {
            return response.releaseBody().then(Mono.error(new ProviderServerError(status, "answered")));
        }
        if (status.value() == HttpStatus.BAD_REQUEST.value()) {
            return response.bodyToMono(ErrorBody.class)
                    .onErrorResume(e -> Mono.empty())
                    .defaultIfEmpty(new ErrorBody(null, null, null))
                    .flatMap(error -> Mono.error(new InvalidInputException(
                            error.field() != null && INPUT_FIELDS.contains(error.field()) ? error.field() : "input",
                            "was not accepted by the identity verification provider")));
        }
        if (status.value() == HttpStatus.UNPROCESSABLE_CONTENT.value()) {
            // idempotency_key_reused: this attempt reached the provider before, with other details
            return response.releaseBody().then(Mono.error(KycSubmissionPolicy.submissionConflict()));
        }
        // 401/403 (our API key) and anything else: our fault or the provider's, not the user's; not worth a retry
        return response.releaseBody().then(Mono.error(new ProviderRefused(status)));
    }

    private static KycProviderUnavailableException unavailable(String key, Throwable e) {
        if (e instanceof CallNotPermittedException) {
            log.warn("KYC provider call {} not made: the circuit breaker is open", key);
        } else {
            log.error("KYC provider call {} failed: {}", key, e.toString());
        }
        return new KycProviderUnavailableException();
    }

    /** The provider failed in a way that may pass (5xx, 429, no usable body): retried, counted by the breaker. */
    static final class ProviderServerError extends RuntimeException {

        private static final long serialVersionUID = 1L;

        ProviderServerError(HttpStatusCode status, String problem) {
            super("KYC provider " + problem + " HTTP " + status.value(), null, false, false);
        }
    }

    /** The provider refused the call for a reason a retry does not change (credentials, an unexpected status). */
    static final class ProviderRefused extends RuntimeException {

        private static final long serialVersionUID = 1L;

        ProviderRefused(HttpStatusCode status) {
            super("KYC provider refused the call with HTTP " + status.value(), null, false, false);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ApplicantBody(String applicantId, String externalUserId, String status, String createdAt) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ErrorBody(String error, String message, String field) {}
}
