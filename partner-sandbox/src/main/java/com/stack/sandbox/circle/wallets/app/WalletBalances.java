package com.stack.sandbox.circle.wallets.app;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.stack.sandbox.circle.wallets.domain.UsdcHolding;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * The USDC each of the sandbox's wallets holds, in memory. Credited by inbound chain transfers,
 * completed business-account transfers to the wallet's address and the control API; an outbound
 * transfer reserves its amount when it is accepted and spends it when it completes (or releases it
 * when it fails), so concurrent transfers never spend the same USDC twice. Each change is one atomic
 * update of the wallet's entry ({@code ConcurrentHashMap.compute}: quick, it never waits on I/O).
 */
@Service
public class WalletBalances {

    private final Map<String, UsdcHolding> holdings = new ConcurrentHashMap<>();
    private final Clock clock;

    @Autowired
    public WalletBalances() {
        this(Clock.systemUTC());
    }

    WalletBalances(Clock clock) {
        this.clock = clock;
    }

    /** What the wallet holds now; {@link UsdcHolding#EMPTY} when it never held anything. */
    public UsdcHolding holding(String walletId) {
        return holdings.getOrDefault(walletId, UsdcHolding.EMPTY);
    }

    /** @param amount positive, at most 6 decimals */
    public UsdcHolding credit(String walletId, BigDecimal amount) {
        Instant now = now();
        return holdings.compute(walletId, (id, holding) -> orEmpty(holding).credited(amount, now));
    }

    /** Sets {@code amount} aside for an outbound transfer, unless less than that is available: {@code false} then. */
    public boolean tryReserve(String walletId, BigDecimal amount) {
        boolean[] reserved = {false};
        holdings.compute(walletId, (id, holding) -> {
            UsdcHolding current = orEmpty(holding);
            if (current.available().compareTo(amount) < 0) {
                return holding;
            }
            reserved[0] = true;
            return current.reserving(amount);
        });
        return reserved[0];
    }

    /** Gives a reservation back (its transfer failed). */
    public void release(String walletId, BigDecimal amount) {
        holdings.computeIfPresent(walletId, (id, holding) -> holding.releasing(amount));
    }

    /** Spends a reservation (its transfer completed): the USDC leaves the wallet. */
    public void spend(String walletId, BigDecimal amount) {
        Instant now = now();
        holdings.computeIfPresent(walletId, (id, holding) -> holding.spending(amount, now));
    }

    private static UsdcHolding orEmpty(UsdcHolding holding) {
        return holding == null ? UsdcHolding.EMPTY : holding;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
