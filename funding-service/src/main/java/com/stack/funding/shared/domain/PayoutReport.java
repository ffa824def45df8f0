package com.stack.funding.shared.domain;

import java.math.BigDecimal;

/**
 * The ramp partner's report on a payout (Circle's {@code payouts} notification).
 *
 * @param payoutId    the partner's payout id
 * @param outcome     where it ended; PENDING reports change nothing
 * @param amountUsd   the amount the partner reports, or null
 * @param errorCode   the partner's reason when it failed, or null
 */
public record PayoutReport(String payoutId, Outcome outcome, BigDecimal amountUsd, String errorCode) {

    public enum Outcome {
        PENDING,
        COMPLETE,
        FAILED
    }
}
