package com.stack.funding.broker.app;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import com.stack.defaults.errors.InvalidInputException;
import com.stack.defaults.errors.RetryLaterException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import reactor.core.publisher.Mono;

/**
 * The broker's own buying power as a second check, after the ledger's (which stays the authority for what is
 * held): a ledger that drifted from the broker (a fee taken at the broker, a trade settled elsewhere, a manual
 * journal) would otherwise let a withdrawal or an order through that the broker then refuses late, with money
 * already held. The broker's answer for an account is kept for {@code cacheTtl} and concurrent reads of one account
 * share one call, so a burst of requests costs the broker one read. A request more than {@code tolerance} above what
 * the broker has available is short; each short answer counts in {@value #MISMATCHES}{@code {partner}}.
 *
 * <p>A user without an account at the broker is left to the ledger (and to the broker step, which needs one).
 */
public class BrokerBuyingPower {

    /**
     * {@code stack.funding.broker-balance.*}.
     *
     * @param cacheTtl  how long one account's answer from the broker is reused
     * @param tolerance how far, USD, the broker's available amount may be below the request (rounding at the broker)
     */
    @ConfigurationProperties("stack.funding.broker-balance")
    public record Settings(
            @DefaultValue("10s") Duration cacheTtl,
            @DefaultValue("0.01") BigDecimal tolerance) {}

    static final String MISMATCHES = "stack.funding.broker.mismatches";

    /** Past this many accounts read, answers older than the ttl are dropped when another is kept. */
    private static final int MAX_FRESH_ENTRIES = 4096;

    /**
     * What the broker has available for one request: {@code available}, or the {@code failure} that kept the broker
     * from saying; both null when the user has no account at the broker.
     */
    public record Reading(BigDecimal available, RuntimeException failure) {

        public static final Reading NO_ACCOUNT = new Reading(null, null);

        public boolean unavailable() {
            return failure != null;
        }
    }

    /** The broker could not be asked (breaker open, timeout, 5xx): nothing was held, the user may try again soon. */
    public static final class BrokerUnavailableException extends RetryLaterException {

        private static final long serialVersionUID = 1L;

        public BrokerUnavailableException(String message) {
            super("BROKER_UNAVAILABLE", ErrorKind.UNAVAILABLE, message, Duration.ofSeconds(5));
        }
    }

    private final BrokerAccounts accounts;
    private final BrokerBalances balances;
    private final String partner;
    private final Settings settings;
    private final Counter mismatches;
    private final Map<String, Kept> kept = new ConcurrentHashMap<>();

    public BrokerBuyingPower(
            BrokerAccounts accounts, BrokerBalances balances, String partner, Settings settings, MeterRegistry meters) {
        this.accounts = accounts;
        this.balances = balances;
        this.partner = partner;
        this.settings = settings;
        this.mismatches = Counter.builder(MISMATCHES)
                .tag("partner", partner)
                .description("Requests refused because the broker had less available than the ledger")
                .register(meters);
    }

    /** What the user's broker account may pay out now. Never fails: a failure is in the reading. */
    public Mono<Reading> forWithdrawal(UUID userId) {
        return read(userId, BrokerBalances.Cash::availableForWithdrawal);
    }

    /** What the user's broker account may spend on a new buy order now. Never fails. */
    public Mono<Reading> forTrade(UUID userId) {
        return read(userId, BrokerBalances.Cash::availableForTrade);
    }

    /**
     * Whether {@code amountUsd} is more than {@code tolerance} above what the broker has available (counted as a
     * mismatch); false when the broker did not say.
     */
    public boolean isShort(Reading reading, BigDecimal amountUsd) {
        boolean isShort = reading.available() != null
                && amountUsd.subtract(reading.available()).compareTo(settings.tolerance()) > 0;
        if (isShort) {
            mismatches.increment();
        }
        return isShort;
    }

    /**
     * The withdrawal's refusal by the broker's check, or null to proceed: short is {@code BROKER_BUYING_POWER_SHORT}
     * on {@code amountUsd}; a broker that could not be asked is {@code BROKER_UNAVAILABLE} (money leaves only when
     * the broker confirmed it has it; the user retries, nothing is held).
     */
    public RuntimeException withdrawalRefusal(Reading reading, BigDecimal amountUsd) {
        if (reading.unavailable()) {
            return new BrokerUnavailableException("The broker cannot confirm the buying power now; try again shortly");
        }
        if (isShort(reading, amountUsd)) {
            return new InvalidInputException(
                    "BROKER_BUYING_POWER_SHORT",
                    "amountUsd",
                    "The broker has "
                            + reading.available().setScale(2, RoundingMode.DOWN).toPlainString()
                            + " USD available, less than " + amountUsd.toPlainString());
        }
        return null;
    }

    /** The account's money at the broker, as read within the last {@code cacheTtl}; one call for concurrent reads. */
    public Mono<BrokerBalances.Cash> cash(Brokerage.Account account) {
        return Mono.defer(() -> {
            long now = System.nanoTime();
            Kept entry = kept.compute(
                    account.accountId(),
                    (id, old) -> old != null && old.freshAt(now)
                            ? old
                            : new Kept(
                                    balances.cash(account)
                                            .cache(
                                                    cash -> settings.cacheTtl(),
                                                    error -> Duration.ZERO,
                                                    () -> Duration.ZERO),
                                    now + settings.cacheTtl().toNanos()));
            if (kept.size() > MAX_FRESH_ENTRIES) {
                kept.values().removeIf(old -> !old.freshAt(now));
            }
            return entry.cash();
        });
    }

    private Mono<Reading> read(UUID userId, Function<BrokerBalances.Cash, BigDecimal> available) {
        return accounts.find(userId, partner)
                .flatMap(account -> cash(account)
                        .map(cash -> new Reading(available.apply(cash), null))
                        .onErrorResume(
                                e -> e instanceof Brokerage.BrokerUnavailableException
                                        || e instanceof Brokerage.BrokerRefusedException,
                                e -> Mono.just(new Reading(null, (RuntimeException) e))))
                .defaultIfEmpty(Reading.NO_ACCOUNT);
    }

    /** One account's answer (or the call on its way) and when it is no longer reused. */
    private record Kept(Mono<BrokerBalances.Cash> cash, long expiresAtNanos) {

        boolean freshAt(long nanos) {
            return nanos - expiresAtNanos < 0;
        }
    }
}
