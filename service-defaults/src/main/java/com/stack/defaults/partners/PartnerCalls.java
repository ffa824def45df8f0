package com.stack.defaults.partners;

import java.util.function.BiFunction;

import com.stack.defaults.resilience.PartnerResilience;
import reactor.core.publisher.Mono;

/**
 * A partner API's calls under {@link PartnerResilience}, in the adapter's own two error types: a transient
 * {@code unavailable} error (retried, counted by the breaker) and a {@code refused} one (final). What the adapter
 * did not translate itself (a timeout, a connection failure) and a call the open breaker refused become
 * {@code unavailable} errors that name the partner and the call.
 */
public final class PartnerCalls {

    private final String partner;
    private final PartnerResilience resilience;
    private final BiFunction<String, Throwable, ? extends RuntimeException> unavailable;

    /**
     * @param partner     the partner as messages name it, e.g. "Alpaca"
     * @param name        the breaker's name, one per partner API and service, e.g. "alpaca-orders"
     * @param unavailable the adapter's transient error, from a message and a cause
     */
    public PartnerCalls(
            String partner,
            String name,
            PartnerResilience.Settings settings,
            Class<? extends RuntimeException> unavailableType,
            Class<? extends RuntimeException> refusedType,
            BiFunction<String, Throwable, ? extends RuntimeException> unavailable) {
        this.partner = partner;
        this.unavailable = unavailable;
        this.resilience = new PartnerResilience(
                name,
                settings,
                unavailableType::isInstance,
                e -> unavailableType.isInstance(e) || refusedType.isInstance(e));
    }

    /** The attempt under timeout, breaker and retries; {@code what} names the call in error messages. */
    public <T> Mono<T> call(String what, Mono<T> attempt) {
        return resilience.call(
                attempt,
                e -> unavailable(
                        partner + " " + what + " failed: " + e.getClass().getSimpleName(), e),
                e -> unavailable(
                        "Not asking " + partner + " for the " + what + ": " + partner
                                + " is failing repeatedly (circuit open)",
                        e));
    }

    /** The adapter's transient error. */
    public RuntimeException unavailable(String message, Throwable cause) {
        return unavailable.apply(message, cause);
    }
}
