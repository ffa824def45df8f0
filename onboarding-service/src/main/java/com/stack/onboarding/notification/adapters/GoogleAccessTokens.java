package com.stack.onboarding.notification.adapters;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.stack.defaults.resilience.PartnerErrors;
import com.stack.defaults.resilience.PartnerResilience;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

/**
 * OAuth 2.0 access tokens for a Google service account (the JWT bearer grant): an assertion {@code {iss:
 * client_email, scope, aud: token_uri, iat, exp: iat + 1 h}} signed RS256 with the account's key is POSTed
 * form-encoded to {@code token_uri}. The token is cached and shared by all sends until {@link #REFRESH_MARGIN}
 * before it expires; a failed fetch is not cached. Fetches go through their own timeout, retries (a token
 * request is safe to repeat) and circuit breaker.
 */
public class GoogleAccessTokens {

    public static final String FCM_SCOPE = "https://www.googleapis.com/auth/firebase.messaging";
    static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    static final Duration ASSERTION_LIFETIME = Duration.ofHours(1);
    static final Duration REFRESH_MARGIN = Duration.ofMinutes(5);

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final GoogleServiceAccount account;
    private final WebClient web;
    private final PartnerResilience resilience;
    private final JsonMapper json;
    private final Clock clock;
    private final AtomicReference<Mono<String>> token = new AtomicReference<>();

    public GoogleAccessTokens(
            GoogleServiceAccount account,
            WebClient web,
            PartnerResilience.Settings settings,
            JsonMapper json,
            Clock clock) {
        this.account = account;
        this.web = web;
        this.json = json;
        this.clock = clock;
        this.resilience = new PartnerResilience(
                "google-oauth",
                settings,
                e -> e instanceof TokenEndpointUnavailable,
                e -> e instanceof TokenEndpointUnavailable || e instanceof TokenRefused);
        this.token.set(cachedFetch());
    }

    /**
     * The current access token, fetched when there is none or it is about to expire.
     *
     * @return fails with {@link TokenEndpointUnavailable} (worth a later retry) or {@link TokenRefused} (the account
     *         or its key is wrong: an operator must act)
     */
    public Mono<String> accessToken() {
        return token.get();
    }

    /** Forgets the cached token (FCM refused it), so the next call fetches a new one. */
    public void invalidate() {
        token.set(cachedFetch());
    }

    private Mono<String> cachedFetch() {
        return Mono.defer(this::fetch)
                .cache(issued -> issued.cacheFor(), failure -> Duration.ZERO, () -> Duration.ZERO)
                .map(Issued::accessToken);
    }

    private Mono<Issued> fetch() {
        // RSA signing draws on the JDK's SecureRandom (blinding), which may read /dev/urandom: off the event loop
        Mono<Issued> attempt = Mono.fromCallable(this::assertion)
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(assertion -> web.post()
                        .uri(account.tokenUri())
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .accept(MediaType.APPLICATION_JSON)
                        .body(BodyInserters.fromFormData("grant_type", JWT_BEARER)
                                .with("assertion", assertion))
                        .exchangeToMono(this::issued));
        return resilience.call(
                attempt,
                e -> new TokenEndpointUnavailable(e.toString()),
                open -> new TokenEndpointUnavailable("circuit breaker open"));
    }

    private Mono<Issued> issued(ClientResponse response) {
        int status = response.statusCode().value();
        if (response.statusCode().is2xxSuccessful()) {
            return response.bodyToMono(TokenBody.class)
                    .filter(body ->
                            body.accessToken() != null && !body.accessToken().isBlank())
                    .map(body -> new Issued(body.accessToken(), Duration.ofSeconds(Math.max(0, body.expiresIn()))))
                    .switchIfEmpty(
                            Mono.error(() -> new TokenEndpointUnavailable("answered " + status + " without a token")));
        }
        if (PartnerErrors.isTransient(status)) {
            return response.releaseBody().then(Mono.error(new TokenEndpointUnavailable("answered " + status)));
        }
        return PartnerErrors.describe(
                        response,
                        ErrorBody.class,
                        body -> PartnerErrors.abbreviated(body.error() + ": " + body.errorDescription()))
                .flatMap(description -> Mono.error(new TokenRefused("Google refused the service account "
                        + account.clientEmail() + " with " + status + description)));
    }

    /** The signed JWT assertion: about a millisecond of CPU, and a read of the OS entropy source. */
    String assertion() throws GeneralSecurityException {
        Instant now = clock.instant();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", account.clientEmail());
        claims.put("scope", FCM_SCOPE);
        claims.put("aud", account.tokenUri().toString());
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(ASSERTION_LIFETIME).getEpochSecond());
        String signingInput = BASE64URL.encodeToString(json.writeValueAsBytes(Map.of("alg", "RS256", "typ", "JWT")))
                + "." + BASE64URL.encodeToString(json.writeValueAsBytes(claims));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(account.privateKey());
        rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + BASE64URL.encodeToString(rsa.sign());
    }

    private record Issued(String accessToken, Duration lifetime) {

        Duration cacheFor() {
            Duration usable = lifetime.minus(REFRESH_MARGIN);
            return usable.isNegative() ? Duration.ZERO : usable;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record TokenBody(
            @JsonProperty("access_token") String accessToken,
            @JsonProperty("expires_in") long expiresIn) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ErrorBody(
            String error, @JsonProperty("error_description") String errorDescription) {}

    /** The token endpoint failed in a way that may pass (5xx, 429, a timeout, no connection, an open breaker). */
    public static final class TokenEndpointUnavailable extends RuntimeException {

        private static final long serialVersionUID = 1L;

        TokenEndpointUnavailable(String problem) {
            super("Google's token endpoint " + problem, null, false, false);
        }
    }

    /** The token endpoint refused our assertion (4xx): the service account, its key or the clock is wrong. */
    public static final class TokenRefused extends RuntimeException {

        private static final long serialVersionUID = 1L;

        TokenRefused(String message) {
            super(message, null, false, false);
        }
    }
}
