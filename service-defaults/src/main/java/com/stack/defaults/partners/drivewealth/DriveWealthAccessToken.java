package com.stack.defaults.partners.drivewealth;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * DriveWealth's back-office bearer token, shared by every service that calls DriveWealth: {@code POST /auth/tokens}
 * with the client id and secret, cached until {@code refreshMargin} before it expires, and replaced at once when
 * DriveWealth answered a call 401 ({@link TokenRejectedException}). A failed sign-in is not cached.
 */
public final class DriveWealthAccessToken {

    private final WebClient web;
    private final String clientId;
    private final String clientSecret;
    private final Duration refreshMargin;
    private final Function<ClientResponse, Mono<? extends Throwable>> refused;
    private final Function<String, RuntimeException> unusable;
    private volatile Mono<String> token;

    /**
     * @param web       the back-office API's client (base URL and {@code dw-client-app-key} set)
     * @param refused   the adapter's error for a sign-in DriveWealth answered with an error status
     * @param unusable  the adapter's (transient) error for a sign-in answered without a token
     */
    public DriveWealthAccessToken(
            WebClient web,
            String clientId,
            String clientSecret,
            Duration refreshMargin,
            Function<ClientResponse, Mono<? extends Throwable>> refused,
            Function<String, RuntimeException> unusable) {
        this.web = web;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.refreshMargin = refreshMargin;
        this.refused = refused;
        this.unusable = unusable;
        this.token = newToken();
    }

    /**
     * The request, signed with the current token. When DriveWealth refused the token (the request failed with
     * {@link TokenRejectedException}), the next attempt signs in again and this attempt fails with
     * {@code rejected}'s error (a transient one, so the caller's retry makes that next attempt).
     */
    public <T> Mono<T> signed(Function<String, Mono<T>> request, Function<TokenRejectedException, Throwable> rejected) {
        return Mono.defer(() -> token).flatMap(request).onErrorResume(TokenRejectedException.class, e -> {
            // the token expired early or was revoked
            token = newToken();
            return Mono.error(rejected.apply(e));
        });
    }

    /** The bearer token, JSON accepted and, for a write, DriveWealth's {@code Idempotency-Key}. */
    public static void authorize(HttpHeaders headers, String bearer, UUID idempotencyKey) {
        headers.setBearerAuth(bearer);
        headers.setAccept(List.of(MediaType.APPLICATION_JSON));
        if (idempotencyKey != null) {
            headers.set("Idempotency-Key", idempotencyKey.toString());
        }
    }

    private Mono<String> newToken() {
        return web.post()
                .uri("/auth/tokens")
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON)
                .bodyValue(new TokenRequest(clientId, clientSecret))
                .retrieve()
                .onStatus(status -> !status.is2xxSuccessful(), refused)
                .bodyToMono(TokenAnswer.class)
                .map(answer -> {
                    if (answer.accessToken() == null || answer.accessToken().isBlank()) {
                        throw unusable.apply("DriveWealth answered the sign-in without a token");
                    }
                    return new IssuedToken(
                            answer.accessToken(), Instant.now().plusSeconds(Math.max(0, answer.expiresIn())));
                })
                .cache(
                        issued -> {
                            Duration valid = Duration.between(
                                    Instant.now(), issued.expiresAt().minus(refreshMargin));
                            return valid.isNegative() ? Duration.ZERO : valid;
                        },
                        error -> Duration.ZERO,
                        () -> Duration.ZERO)
                .map(IssuedToken::value);
    }

    private record IssuedToken(String value, Instant expiresAt) {}

    record TokenRequest(String clientID, String clientSecret) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record TokenAnswer(
            @JsonProperty("access_token") String accessToken,
            @JsonProperty("expires_in") long expiresIn) {}

    /** DriveWealth refused the bearer token (401): sign in again and retry. */
    public static final class TokenRejectedException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public TokenRejectedException(String message) {
            super(message, null, false, false);
        }
    }
}
