package com.stack.funding.deposit.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

import com.stack.funding.ledger.domain.LedgerPosting;

/**
 * What a deposit's USDC becomes at the off-ramp: counted 1 USDC = 1 USD at this step, paid out in whole
 * cents. USDC has 6 decimals and a payout only 2, so the amount is rounded DOWN to the cent for the payout
 * and the sub-cent remainder ({@code dust}) stays in the custody wallet at Circle; the ledger moves the
 * dust from the user's pending deposit to the house's dust account, so the user is never promised the
 * fraction of a cent that never reaches the broker, and no amount is invented or lost:
 * {@code usdc = payoutUsd + dust}, always.
 *
 * @param usdc      the deposit's amount (6 decimals)
 * @param payoutUsd what is paid out, USD with 2 decimals (rounded down)
 * @param dust      the remainder, under one cent (6 decimals), possibly zero
 */
public record OffRampAmount(BigDecimal usdc, BigDecimal payoutUsd, BigDecimal dust) {

    public static final int USD_DECIMALS = 2;

    public OffRampAmount {
        if (usdc.compareTo(payoutUsd.add(dust)) != 0) {
            throw new IllegalArgumentException(
                    "payout " + payoutUsd + " and dust " + dust + " do not add up to " + usdc);
        }
    }

    /** The rule: payout = the amount rounded down to the cent; dust = what is left. */
    public static OffRampAmount of(BigDecimal usdc) {
        BigDecimal exact = usdc.setScale(LedgerPosting.SCALE, RoundingMode.UNNECESSARY);
        BigDecimal payout = exact.setScale(USD_DECIMALS, RoundingMode.DOWN);
        return new OffRampAmount(exact, payout, exact.subtract(payout));
    }

    /** A deposit under one cent cannot be paid out at all. */
    public boolean payable() {
        return payoutUsd.signum() > 0;
    }

    public boolean hasDust() {
        return dust.signum() > 0;
    }

    /** The payout amount as partners write it: {@code "125.00"}. */
    public String payoutText() {
        return payoutUsd.toPlainString();
    }
}
