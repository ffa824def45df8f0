package com.stack.gateway.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import io.netty.channel.ChannelOption;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.util.retry.Retry;

/**
 * The decoder of the callers' tokens, and how it fetches the issuer's key set (JWKS). Nimbus fetches the key
 * set when it has none and again for every token whose {@code kid} it does not know; with the default
 * WebClient that fetch had no timeout, so an issuer that accepted the connection and never answered held the
 * request (and every request waiting for the keys) until the client gave up, and a stream of tokens with
 * made-up {@code kid}s made one fetch each. Here:
 * <ul>
 * <li>each fetch connects within {@code connectTimeout}, is answered within {@code responseTimeout}, and is
 * tried again {@code retries} times after a connection error or timeout (a GET: safe to repeat), as the
 * services fetch it;</li>
 * <li>after a successful fetch, the key set is not fetched again for {@code refetchInterval}: a token with an
 * unknown {@code kid} in that window is checked against the keys fetched last, and refused (401);</li>
 * <li>a fetch that fails refuses the token (401, {@code invalid_token}) instead of a server error.</li>
 * </ul>
 */
public final class UserTokenKeys {

    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    public static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(3);
    public static final int RETRIES = 2;
    public static final Duration REFETCH_INTERVAL = Duration.ofSeconds(30);

    private UserTokenKeys() {}

    /** The decoder of tokens from {@code issuer} for one of {@code audiences} (none: not checked), keys from {@code jwkSetUri}. */
    public static ReactiveJwtDecoder decoder(
            String jwkSetUri, String issuer, List<String> audiences, WebClient keySetClient) {
        NimbusReactiveJwtDecoder nimbus = NimbusReactiveJwtDecoder.withJwkSetUri(jwkSetUri)
                .webClient(keySetClient)
                .build();
        OAuth2TokenValidator<Jwt> validator = JwtValidators.createDefaultWithIssuer(issuer);
        if (audiences != null && !audiences.isEmpty()) {
            validator = new DelegatingOAuth2TokenValidator<>(
                    validator,
                    new JwtClaimValidator<List<String>>(
                            JwtClaimNames.AUD,
                            aud -> aud != null && aud.stream().anyMatch(audiences::contains)));
        }
        nimbus.setJwtValidator(validator);
        // Nimbus reports keys it could not fetch as IllegalStateException or a plain JwtException, which the
        // resource server answers with a server error; the token is unverifiable, so it is refused (401)
        return token -> nimbus.decode(token)
                .onErrorMap(
                        e -> !(e instanceof BadJwtException),
                        e -> new BadJwtException("The issuer's keys could not be fetched to verify the token", e));
    }

    /** The WebClient for key set fetches, bounded, retried and rate-limited as described above. */
    public static WebClient keySetClient(
            Duration connectTimeout, Duration responseTimeout, int retries, Duration refetchInterval, Clock clock) {
        HttpClient http = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
                .responseTimeout(responseTimeout);
        ExchangeFilterFunction boundedAndRetried = (request, next) -> next.exchange(request)
                .timeout(connectTimeout.plus(responseTimeout))
                .retryWhen(Retry.backoff(retries, Duration.ofMillis(100))
                        .maxBackoff(Duration.ofSeconds(1))
                        .filter(e -> e instanceof WebClientRequestException || e instanceof TimeoutException)
                        .onRetryExhaustedThrow((spec, signal) -> signal.failure()));
        return WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(http))
                .filter(new AtMostOneFetchPer(refetchInterval, clock))
                .filter(boundedAndRetried)
                .build();
    }

    /** Answers a fetch from the last successful one while that is younger than the interval. */
    static final class AtMostOneFetchPer implements ExchangeFilterFunction {

        private record Fetched(String body, String contentType, Instant at) {}

        private final Duration interval;
        private final Clock clock;
        private final AtomicReference<Fetched> last = new AtomicReference<>();

        AtMostOneFetchPer(Duration interval, Clock clock) {
            this.interval = interval;
            this.clock = clock;
        }

        @Override
        public Mono<ClientResponse> filter(
                org.springframework.web.reactive.function.client.ClientRequest request,
                org.springframework.web.reactive.function.client.ExchangeFunction next) {
            Fetched fetched = last.get();
            if (fetched != null && clock.instant().isBefore(fetched.at().plus(interval))) {
                return Mono.just(response(fetched));
            }
            return next.exchange(request).flatMap(response -> {
                if (!response.statusCode().is2xxSuccessful()) {
                    return Mono.just(response);
                }
                String contentType = response.headers()
                        .contentType()
                        .orElse(MediaType.APPLICATION_JSON)
                        .toString();
                return response.bodyToMono(String.class).defaultIfEmpty("").map(body -> {
                    Fetched now = new Fetched(body, contentType, clock.instant());
                    last.set(now);
                    return response(now);
                });
            });
        }

        private static ClientResponse response(Fetched fetched) {
            return ClientResponse.create(HttpStatus.OK)
                    .header(HttpHeaders.CONTENT_TYPE, fetched.contentType())
                    .body(fetched.body())
                    .build();
        }
    }
}
