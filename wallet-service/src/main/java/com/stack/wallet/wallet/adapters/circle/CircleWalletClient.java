package com.stack.wallet.wallet.adapters.circle;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.stack.contracts.events.EventIds;
import com.stack.defaults.circle.EntitySecretCiphertexts;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.reactor.retry.RetryOperator;
import io.github.resilience4j.reactor.timelimiter.TimeLimiterOperator;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.core.publisher.Mono;

/**
 * Circle's developer-controlled wallets API (the calls STACK uses), with Circle's authentication, entity
 * secret ciphertext and idempotency keys.
 *
 * <p>Every call runs under a timeout, a circuit breaker and retries with exponential backoff. Retrying is
 * safe: writes carry an idempotency key, so Circle answers a repeated write with what it did the first
 * time. Each attempt of a write encrypts the entity secret afresh, because Circle refuses a ciphertext it
 * has already seen. Only transient failures ({@link CircleUnavailableException}) are retried and counted
 * by the breaker; a refusal ({@link CircleRequestRejectedException}) is final for the request as sent.
 */
public class CircleWalletClient {

    static final String PUBLIC_KEY_PATH = EntitySecretCiphertexts.PUBLIC_KEY_PATH;
    static final String WALLET_SETS_PATH = "/v1/w3s/developer/walletSets";
    static final String WALLETS_PATH = "/v1/w3s/developer/wallets";

    private static final ParameterizedTypeReference<Envelope<WalletSetData>> WALLET_SET =
            new ParameterizedTypeReference<>() {};
    private static final ParameterizedTypeReference<Envelope<WalletsData>> WALLETS =
            new ParameterizedTypeReference<>() {};

    private final WebClient web;
    /** Circle's entity public key, fetched on first use and again after a failure or a refused ciphertext. */
    private final EntitySecretCiphertexts ciphertexts;

    private final TimeLimiter timeLimiter;
    private final CircuitBreaker breaker;
    private final Retry retry;

    public CircleWalletClient(WebClient.Builder webClients, CircleProperties properties) {
        this.web = webClients
                .clone()
                .baseUrl(properties.baseUrl().toString())
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + properties.apiKey())
                .build();
        this.ciphertexts = new EntitySecretCiphertexts(properties.entitySecretBytes(), fetchEntityPublicKey());
        CircleProperties.Resilience resilience = properties.resilience();
        this.timeLimiter = TimeLimiter.of(
                "circle",
                TimeLimiterConfig.custom().timeoutDuration(resilience.timeout()).build());
        this.breaker = CircuitBreaker.of(
                "circle",
                CircuitBreakerConfig.custom()
                        .failureRateThreshold(resilience.failureRateThreshold())
                        .minimumNumberOfCalls(resilience.minimumCalls())
                        .slidingWindowSize(resilience.slidingWindow())
                        .waitDurationInOpenState(resilience.openStateWait())
                        .recordException(CircleWalletClient::isTransient)
                        .build());
        this.retry = Retry.of(
                "circle",
                RetryConfig.custom()
                        .maxAttempts(Math.max(1, resilience.maxAttempts()))
                        .intervalFunction(IntervalFunction.ofExponentialBackoff(
                                resilience.initialBackoff(), 2.0, resilience.maxBackoff()))
                        .retryOnException(CircleWalletClient::isTransient)
                        .build());
    }

    /**
     * Creates the wallet set, or returns the one created before with the same idempotency key.
     *
     * @return the wallet set's id
     */
    public Mono<String> createWalletSet(UUID idempotencyKey, String name) {
        return write(
                        "Creating wallet set " + name,
                        WALLET_SETS_PATH,
                        ciphertext -> new CreateWalletSet(idempotencyKey, ciphertext, name),
                        WALLET_SET)
                .flatMap(answer -> Mono.justOrEmpty(Optional.ofNullable(answer.data())
                        .map(WalletSetData::walletSet)
                        .map(WalletSet::id)))
                .switchIfEmpty(Mono.error(() -> new CircleProtocolException(
                        "Circle created wallet set " + name + " but answered without its id", null)));
    }

    /**
     * Creates one EOA wallet on {@code blockchain} in the wallet set, tagged with {@code refId}, or returns
     * the wallet created before with the same idempotency key.
     */
    public Mono<CircleWallet> createWallet(UUID idempotencyKey, String walletSetId, String blockchain, String refId) {
        String operation = "Creating the " + blockchain + " wallet of " + refId;
        return write(
                        operation,
                        WALLETS_PATH,
                        ciphertext -> new CreateWallets(
                                idempotencyKey,
                                ciphertext,
                                walletSetId,
                                List.of(blockchain),
                                "EOA",
                                1,
                                List.of(new WalletMetadata("stack-user", refId))),
                        WALLETS)
                .flatMap(answer -> Mono.justOrEmpty(Optional.ofNullable(answer.data())
                        .map(WalletsData::wallets)
                        .flatMap(wallets -> wallets.stream()
                                .filter(w -> blockchain.equals(w.blockchain()))
                                .findFirst())))
                .switchIfEmpty(Mono.error(() -> new CircleProtocolException(
                        operation + ": Circle answered without a " + blockchain + " wallet", null)));
    }

    /** Circle's entity public key as PEM (not resilient on its own: the writes that need it wrap it). */
    private Mono<String> fetchEntityPublicKey() {
        return Mono.defer(() -> exchange(
                        web.get().uri(PUBLIC_KEY_PATH),
                        "Fetching the entity public key",
                        ParameterizedTypeReference.<EntitySecretCiphertexts.PublicKeyAnswer>forType(
                                EntitySecretCiphertexts.PublicKeyAnswer.class)))
                .mapNotNull(EntitySecretCiphertexts.PublicKeyAnswer::pem)
                .switchIfEmpty(Mono.error(
                        () -> new CircleProtocolException("Circle answered without an entity public key", null)));
    }

    /** A write: each attempt fetches the key if needed and sends a freshly encrypted entity secret. */
    private <T> Mono<T> write(
            String operation, String path, Function<String, Object> body, ParameterizedTypeReference<T> answer) {
        Mono<T> attempt = Mono.defer(() -> ciphertexts
                        .next()
                        .flatMap(ciphertext -> exchange(
                                web.post()
                                        .uri(path)
                                        .contentType(MediaType.APPLICATION_JSON)
                                        .bodyValue(body.apply(ciphertext)),
                                operation,
                                answer)))
                .doOnError(
                        CircleRequestRejectedException.EntitySecretRejected.class, e -> ciphertexts.forgetPublicKey());
        return resilient(operation, attempt);
    }

    private <T> Mono<T> exchange(
            WebClient.RequestHeadersSpec<?> request, String operation, ParameterizedTypeReference<T> answer) {
        return request.accept(MediaType.APPLICATION_JSON)
                .header("X-Request-Id", EventIds.next().toString())
                .retrieve()
                .onStatus(status -> !status.is2xxSuccessful(), response -> translate(operation, response))
                .bodyToMono(answer)
                .switchIfEmpty(Mono.error(
                        () -> new CircleProtocolException(operation + ": Circle answered with no body", null)));
    }

    /** Circle's error answer as a typed exception; the body may be missing or not Circle's (a proxy's page). */
    private static Mono<CircleException> translate(String operation, ClientResponse response) {
        int status = response.statusCode().value();
        return response.bodyToMono(ErrorBody.class)
                .onErrorResume(unreadable -> Mono.empty())
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .map(body -> {
                    Integer code = body.map(ErrorBody::code).orElse(null);
                    String message = body.map(ErrorBody::message).orElse(null);
                    if (status >= 500 || status == 429) {
                        return new CircleUnavailableException(
                                operation + " failed: Circle answered HTTP " + status
                                        + (message == null ? "" : ", " + message),
                                status,
                                code,
                                null);
                    }
                    return CircleRequestRejectedException.of(operation, status, code, message);
                });
    }

    /** Timeout per attempt, breaker, retries of transient failures; what leaves here is a {@link CircleException}. */
    private <T> Mono<T> resilient(String operation, Mono<T> attempt) {
        return attempt.transformDeferred(TimeLimiterOperator.of(timeLimiter))
                .onErrorMap(e -> !(e instanceof CircleException), e -> unanswered(operation, e))
                .transformDeferred(CircuitBreakerOperator.of(breaker))
                .transformDeferred(RetryOperator.of(retry))
                .onErrorMap(
                        CallNotPermittedException.class,
                        e -> new CircleUnavailableException(
                                operation + " not attempted: Circle is failing repeatedly (circuit open)", e));
    }

    private static CircleException unanswered(String operation, Throwable e) {
        if (e instanceof TimeoutException) {
            return new CircleUnavailableException(operation + " failed: Circle did not answer in time", e);
        }
        if (e instanceof WebClientRequestException || e instanceof IOException) {
            return new CircleUnavailableException(
                    operation + " failed: Circle could not be reached (" + e.getMessage() + ")", e);
        }
        return new CircleProtocolException(
                operation + " failed: Circle's answer could not be used (" + e.getMessage() + ")", e);
    }

    private static boolean isTransient(Throwable e) {
        return e instanceof CircleException circle && circle.isTransient();
    }

    /** One wallet as Circle describes it (the fields STACK reads). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CircleWallet(
            String id,
            String state,
            String walletSetId,
            String address,
            String blockchain,
            String accountType,
            String refId) {}

    // Circle's wire format: requests as sent, answers wrapped in {"data": ...}, errors {"code", "message"}

    record CreateWalletSet(UUID idempotencyKey, String entitySecretCiphertext, String name) {}

    record CreateWallets(
            UUID idempotencyKey,
            String entitySecretCiphertext,
            String walletSetId,
            List<String> blockchains,
            String accountType,
            int count,
            List<WalletMetadata> metadata) {}

    record WalletMetadata(String name, String refId) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Envelope<T>(T data) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record WalletSetData(WalletSet walletSet) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record WalletSet(String id, String custodyType, String name) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record WalletsData(List<CircleWallet> wallets) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ErrorBody(Integer code, String message) {}
}
