package com.stack.funding.app;

import com.stack.funding.domain.InboxOutcome;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Metrics of partner notifications (tags have bounded values, for dashboards and alerts):
 * <ul>
 *   <li>{@code stack.funding.webhook.requests{partner, result}}: what the endpoint answered, by
 *       {@code result}: stored, duplicate, bad_signature, unknown_key, missing_signature, stale,
 *       malformed, too_large, keys_unavailable.</li>
 *   <li>{@code stack.funding.inbox.processed{partner, type, outcome, reason}}: how stored notifications
 *       ended; an inbound transfer to an address that is no user's is
 *       {@code outcome=ignored, reason=unknown_address}.</li>
 *   <li>{@code stack.funding.inbox.retries{partner, type}}: attempts that failed and were put back.</li>
 *   <li>{@code stack.funding.deposits.failed{step}}: deposits that ended FAILED, by the step that failed
 *       ({@code off_ramp}, {@code broker}); the reason is on the deposit and in the log.</li>
 *   <li>{@code stack.funding.deposits.funded}: deposits that reached BROKER_FUNDED.</li>
 * </ul>
 */
@Component
public class DepositIntakeMetrics {

    private final MeterRegistry registry;

    public DepositIntakeMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void webhook(String partner, String result) {
        registry.counter("stack.funding.webhook.requests", "partner", partner, "result", result).increment();
    }

    public void processed(String partner, String type, InboxOutcome outcome) {
        registry.counter("stack.funding.inbox.processed", "partner", partner, "type", type,
                "outcome", outcome.kind().column(), "reason", outcome.reason()).increment();
    }

    public void retried(String partner, String type) {
        registry.counter("stack.funding.inbox.retries", "partner", partner, "type", type).increment();
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
