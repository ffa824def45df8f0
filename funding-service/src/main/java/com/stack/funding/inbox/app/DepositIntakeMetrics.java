package com.stack.funding.inbox.app;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import com.stack.funding.inbox.domain.InboxOutcome;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Metrics of partner notifications (tags have bounded values, for dashboards and alerts):
 * <ul>
 *   <li>{@code stack.webhook.requests{partner, result}}: partner notifications (webhooks, and the events read from
 *       a partner's queue or stream) by what became of them, {@code result}: accepted (stored), duplicate,
 *       bad_signature, unknown_key, missing_signature, stale, malformed, too_large, keys_unavailable,
 *       key_lookups_limited.</li>
 *   <li>{@code stack.funding.inbox.processed{partner, type, outcome, reason}}: how stored notifications
 *       ended; an inbound transfer to an address whose wallet is not known yet is
 *       {@code outcome=awaiting_wallet, reason=unknown_address} (counted each time it is parked).</li>
 *   <li>{@code stack.funding.deposits.awaiting_wallet} and {@code stack.funding.deposits.awaiting_wallet.oldest.age}
 *       (seconds): inbound transfers parked until their address's wallet is recorded, and how long the oldest
 *       has waited (0 when none does); refreshed on every sweep of the inbox processor. A transfer waits while
 *       the address's WalletCreated is late or dead-lettered, with the USDC in custody: alert on it.</li>
 *   <li>{@code stack.funding.inbox.retries{partner, type}}: attempts that failed and were put back.</li>
 *   <li>{@code stack.funding.deposits.failed{step}}: deposits that ended FAILED, by the step that failed
 *       ({@code off_ramp}, {@code broker}); the reason is on the deposit and in the log.</li>
 *   <li>{@code stack.funding.deposits.funded}: deposits that reached BROKER_FUNDED.</li>
 * </ul>
 */
@Component
public class DepositIntakeMetrics {

    private final MeterRegistry registry;
    private final AtomicLong awaitingWallet = new AtomicLong();
    private final AtomicLong oldestAwaitingWalletMillis = new AtomicLong();

    public DepositIntakeMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("stack.funding.deposits.awaiting_wallet", awaitingWallet, AtomicLong::get)
                .description("Inbound transfers waiting for the wallet of their address")
                .register(registry);
        Gauge.builder(
                        "stack.funding.deposits.awaiting_wallet.oldest.age",
                        oldestAwaitingWalletMillis,
                        value -> value.get() / 1000.0)
                .baseUnit("seconds")
                .description("How long the oldest inbound transfer has waited for its wallet")
                .register(registry);
    }

    /** The transfers waiting for their wallet now: how many, and since when the oldest has (null if none). */
    public void awaitingWallet(long count, Instant oldestSince, Instant now) {
        awaitingWallet.set(count);
        oldestAwaitingWalletMillis.set(
                oldestSince == null
                        ? 0
                        : Math.max(0, Duration.between(oldestSince, now).toMillis()));
    }

    public void webhook(String partner, String result) {
        registry.counter("stack.webhook.requests", "partner", partner, "result", result)
                .increment();
    }

    public void processed(String partner, String type, InboxOutcome outcome) {
        registry.counter(
                        "stack.funding.inbox.processed",
                        "partner",
                        partner,
                        "type",
                        type,
                        "outcome",
                        outcome.kind().column(),
                        "reason",
                        outcome.reason())
                .increment();
    }

    public void retried(String partner, String type) {
        registry.counter("stack.funding.inbox.retries", "partner", partner, "type", type)
                .increment();
    }

    /** Counted after the transaction that failed the deposit committed. */
    public void depositFailed(String step) {
        registry.counter("stack.funding.deposits.failed", "step", step).increment();
    }

    public void depositFunded() {
        registry.counter("stack.funding.deposits.funded").increment();
    }

    public MeterRegistry registry() {
        return registry;
    }
}
