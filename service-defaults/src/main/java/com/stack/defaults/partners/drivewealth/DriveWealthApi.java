package com.stack.defaults.partners.drivewealth;

import java.util.function.BiFunction;
import java.util.function.Function;

import com.stack.defaults.partners.PartnerCalls;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * DriveWealth's back-office API as an adapter calls it: the client (base URL and {@code dw-client-app-key} on every
 * call), the bearer token ({@link DriveWealthAccessToken}), and each call signed and under the adapter's
 * {@link PartnerCalls}. A call DriveWealth answered 401 signs in again and fails transiently, so the retry makes
 * the next attempt with the new token.
 */
public final class DriveWealthApi {

    private final WebClient web;
    private final PartnerCalls calls;
    private final DriveWealthAccessToken token;

    /**
     * @param name      the breaker's name, e.g. "drivewealth-orders"
     * @param translate the adapter's error for a call DriveWealth answered with an error status, from what the call
     *                  was and the answer; a 401 must become {@link DriveWealthAccessToken.TokenRejectedException}
     */
    public DriveWealthApi(
            WebClient.Builder webClients,
            DriveWealthConnection connection,
            String name,
            Class<? extends RuntimeException> unavailableType,
            Class<? extends RuntimeException> refusedType,
            BiFunction<String, Throwable, ? extends RuntimeException> unavailable,
            BiFunction<String, ClientResponse, Mono<? extends Throwable>> translate) {
        this.web = webClients
                .clone()
                .baseUrl(connection.baseUrl().toString())
                .defaultHeader("dw-client-app-key", connection.appKey())
                .build();
        this.calls = new PartnerCalls(
                "DriveWealth", name, connection.resilience(), unavailableType, refusedType, unavailable);
        this.token = new DriveWealthAccessToken(
                web,
                connection.clientId(),
                connection.clientSecret(),
                connection.tokenRefreshMargin(),
                response -> translate.apply("sign-in", response),
                message -> calls.unavailable(message, null));
    }

    /** The client; a request sets its headers with {@link DriveWealthAccessToken#authorize}. */
    public WebClient web() {
        return web;
    }

    /** The request, given the bearer token, signed and under timeout, breaker and retries. */
    public <T> Mono<T> call(String what, Function<String, Mono<T>> request) {
        return calls.call(
                what,
                token.signed(request, e -> calls.unavailable("DriveWealth refused the token for the " + what, e)));
    }
}
