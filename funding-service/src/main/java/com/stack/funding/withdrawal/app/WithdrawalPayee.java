package com.stack.funding.withdrawal.app;

import java.util.UUID;

import com.stack.funding.broker.app.Brokerage;
import com.stack.funding.shared.domain.Chain;
import reactor.core.publisher.Mono;

/**
 * Where the broker pays a withdrawal's USD (the port; chosen with the on-ramp, {@code stack.funding.on-ramp.partner}).
 * Circle converts from the house's business account, which the broker's own payout reaches (DriveWealth's
 * redemption, Alpaca's journal to the firm): {@link #HOUSE}, no bank named. Due converts from the user's virtual
 * account on the withdrawal's chain, so the broker wires the USD into that account's bank details.
 */
public interface WithdrawalPayee {

    /** The house: the broker pays out its own way, no bank account is named. */
    WithdrawalPayee HOUSE = new WithdrawalPayee() {

        @Override
        public boolean namesBanks() {
            return false;
        }

        @Override
        public Mono<Brokerage.PayeeBank> payeeOf(UUID userId, Chain chain, String custodyAddress) {
            return Mono.empty();
        }
    };

    /** Whether {@link #payeeOf} names a bank account (then the broker must be able to wire to one). */
    boolean namesBanks();

    /**
     * The bank account the broker is to pay the withdrawal of {@code userId} on {@code chain} into, whose USD ends
     * up as USDC in the user's custody wallet {@code custodyAddress}; empty for the house. Fails with
     * {@link PayeeRefusedException} when there can be none (nothing moved yet: the withdrawal fails), with any
     * other error when it could not be found now (asked again later).
     */
    Mono<Brokerage.PayeeBank> payeeOf(UUID userId, Chain chain, String custodyAddress);

    /** There is no bank account to pay the withdrawal into, for good. */
    final class PayeeRefusedException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public PayeeRefusedException(String message) {
            super(message, null, false, false);
        }
    }
}
