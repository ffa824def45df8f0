package com.stack.sandbox.kyc.adapters;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import com.stack.sandbox.kyc.config.KycSandboxProperties;
import com.stack.sandbox.kyc.domain.Callback;
import com.stack.sandbox.kyc.domain.CallbackSignature;
import com.stack.sandbox.kyc.domain.DeliveryAttempt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Delivers decision callbacks to the applicant's callback URL: the stored bytes and signature, a
 * timeout per attempt, and retries on any non-2xx answer or connection failure with a doubling
 * backoff (0.5s, 1s, 2s, ... by default) up to the configured number of attempts, after which the
 * delivery is given up (and can be redelivered through the control API).
 */
public class CallbackSender {

    private static final Logger log = LoggerFactory.getLogger(CallbackSender.class);

    private final WebClient webClient;
    private final KycSandboxProperties.Delivery settings;
    private final Clock clock;

    public CallbackSender(WebClient webClient, KycSandboxProperties.Delivery settings, Clock clock) {
        this.webClient = webClient;
        this.settings = settings;
        this.clock = clock;
    }

    /** Completes when the receiver answered 2xx or every attempt failed; reports each attempt to {@code onAttempt}. */
    public Mono<Void> deliver(Callback callback, Consumer<DeliveryAttempt> onAttempt) {
        AtomicInteger attempts = new AtomicInteger();
        return Mono.defer(() -> attempt(callback, attempts.incrementAndGet(), onAttempt))
                .retryWhen(Retry.backoff(settings.maxAttempts() - 1L, settings.firstBackoff()).jitter(0))
                .onErrorResume(e -> {
                    log.warn("Gave up delivering KYC callback {} to {} after {} attempts", callback.eventId(), callback.url(),
                            attempts.get(), e);
                    return Mono.empty();
                });
    }

    private Mono<Void> attempt(Callback callback, int attempt, Consumer<DeliveryAttempt> onAttempt) {
        return webClient.post().uri(callback.url())
                .contentType(MediaType.APPLICATION_JSON)
                .header(CallbackSignature.HEADER, callback.signature())
                .bodyValue(callback.body())
                .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode()))
                .timeout(settings.attemptTimeout())
                .doOnNext(status -> onAttempt.accept(
                        new DeliveryAttempt(callback.eventId(), attempt, status.value(), null, clock.instant())))
                .doOnError(e -> onAttempt.accept(
                        new DeliveryAttempt(callback.eventId(), attempt, null, describe(e), clock.instant())))
                .flatMap(status -> status.is2xxSuccessful() ? Mono.<Void>empty()
                        : Mono.error(new CallbackRefusedException(status.value())));
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** The receiver answered, but not with 2xx. */
    static class CallbackRefusedException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        CallbackRefusedException(int status) {
            super("The receiver answered " + status, null, false, false);
        }
    }
}
