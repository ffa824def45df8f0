package com.stack.sandbox.partners;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntFunction;

import io.netty.channel.ChannelOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.util.retry.Retry;

/**
 * Sends the partners' webhooks: a JSON body, fixed once, POSTed with its headers, a timeout per
 * attempt, and retries on any non-2xx answer or connection failure with the policy's doubling
 * backoff. Retries send the same bytes with the same headers. Every attempt is reported.
 */
@Component
public class WebhookSender {

    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

    private final WebClient webClient;
    private final Clock clock;

    @Autowired
    public WebhookSender() {
        this(
                WebClient.builder()
                        .clientConnector(new ReactorClientHttpConnector(HttpClient.create()
                                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)))
                        .build(),
                Clock.systemUTC());
    }

    public WebhookSender(WebClient webClient, Clock clock) {
        this.webClient = webClient;
        this.clock = clock;
    }

    /**
     * One attempt of a delivery.
     *
     * @param attempt 1 for the first try of this delivery, counting retries
     * @param status  the receiver's HTTP status; {@code null} when there was no answer
     * @param error   why there was no answer (refused connection, timeout); {@code null} when there was one
     */
    public record Attempt(int attempt, Integer status, String error, Instant at) {}

    /** The bytes and headers of one attempt of a delivery. */
    @SuppressWarnings("ArrayRecordComponent") // carries bytes; never compared or hashed
    public record Request(Map<String, String> headers, byte[] body) {}

    /**
     * Completes with {@code true} when the receiver answered 2xx, {@code false} when every attempt
     * failed (never with an error); reports each attempt to {@code onAttempt}.
     *
     * @param what names the delivery in the log, such as "KYC callback kyc_evt_..."
     */
    public Mono<Boolean> deliver(
            URI url,
            Map<String, String> headers,
            byte[] body,
            DeliveryPolicy policy,
            String what,
            Consumer<Attempt> onAttempt) {
        Mono<Request> request = Mono.just(new Request(headers, body));
        return deliver(url, attempt -> request, policy, what, onAttempt);
    }

    /**
     * As {@link #deliver(URI, Map, byte[], DeliveryPolicy, String, Consumer)}, for a partner whose
     * attempts differ (Due stamps each attempt's time into the body and signs it again): each
     * attempt sends what {@code request} makes for its number (1 for the first).
     */
    public Mono<Boolean> deliver(
            URI url,
            IntFunction<Mono<Request>> request,
            DeliveryPolicy policy,
            String what,
            Consumer<Attempt> onAttempt) {
        AtomicInteger attempts = new AtomicInteger();
        return Mono.defer(() -> {
                    int attempt = attempts.incrementAndGet();
                    return request.apply(attempt)
                            .flatMap(made -> attempt(url, made.headers(), made.body(), policy, attempt, onAttempt));
                })
                .retryWhen(Retry.backoff(policy.maxAttempts() - 1L, policy.firstBackoff())
                        .jitter(0))
                .thenReturn(true)
                .onErrorResume(e -> {
                    log.warn("Gave up delivering {} to {} after {} attempts", what, url, attempts.get(), e);
                    return Mono.just(false);
                });
    }

    /** Whether {@code url} answers {@code HEAD} with 2xx within {@code timeout}; never an error. */
    public Mono<Boolean> answersHead(URI url, Duration timeout) {
        return webClient
                .head()
                .uri(url)
                .exchangeToMono(response ->
                        response.releaseBody().thenReturn(response.statusCode().is2xxSuccessful()))
                .timeout(timeout)
                .onErrorReturn(false);
    }

    private Mono<Void> attempt(
            URI url,
            Map<String, String> headers,
            byte[] body,
            DeliveryPolicy policy,
            int attempt,
            Consumer<Attempt> onAttempt) {
        return webClient
                .post()
                .uri(url)
                .contentType(MediaType.APPLICATION_JSON)
                .headers(h -> headers.forEach(h::set))
                .bodyValue(body)
                .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode()))
                .timeout(policy.attemptTimeout())
                .doOnNext(status -> onAttempt.accept(new Attempt(attempt, status.value(), null, clock.instant())))
                .doOnError(e -> onAttempt.accept(new Attempt(attempt, null, describe(e), clock.instant())))
                .flatMap(status -> status.is2xxSuccessful()
                        ? Mono.<Void>empty()
                        : Mono.error(new DeliveryRefusedException(status.value())));
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null
                ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** The receiver answered, but not with 2xx. */
    static class DeliveryRefusedException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        DeliveryRefusedException(int status) {
            super("The receiver answered " + status, null, false, false);
        }
    }
}
