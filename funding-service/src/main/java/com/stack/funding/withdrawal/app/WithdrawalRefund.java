package com.stack.funding.withdrawal.app;

import java.util.UUID;

import com.stack.funding.broker.app.Brokerage;
import com.stack.funding.withdrawal.domain.Withdrawal;
import reactor.core.publisher.Mono;

/**
 * How the USD of a withdrawal whose on-ramp failed goes back into the user's brokerage account (the port behind
 * command REFUND_BROKER_WITHDRAWAL; chosen with the partner set). Where the broker paid the USD to the house, the
 * broker credits it back ({@link BrokerCredit}); where it wired it into the user's Due virtual account, Due wires it
 * back from there (the Due adapter). Safe to repeat under the same key.
 */
public interface WithdrawalRefund {

    /**
     * Asks for the withdrawal's USD to go back into {@code account} under the key; emits the partner's transfer
     * (recorded as the withdrawal's refund) and where it stands. COMPLETE only once the brokerage account has the USD.
     * Every failure is an error: the runner asks again with the same key.
     */
    Mono<Brokerage.Transfer> refund(Withdrawal withdrawal, Brokerage.Account account, UUID idempotencyKey);

    /** Where the refund recorded as {@code refundTransferId} stands now (for the reconciler); same outcomes. */
    Mono<Brokerage.Transfer> status(Withdrawal withdrawal, Brokerage.Account account, String refundTransferId);

    /** The broker credits the account back (a DriveWealth deposit, an Alpaca journal from the firm). */
    final class BrokerCredit implements WithdrawalRefund {

        private final Brokerage brokerage;

        public BrokerCredit(Brokerage brokerage) {
            this.brokerage = brokerage;
        }

        @Override
        public Mono<Brokerage.Transfer> refund(Withdrawal withdrawal, Brokerage.Account account, UUID idempotencyKey) {
            return brokerage.fund(account, withdrawal.id(), withdrawal.amountUsd(), idempotencyKey);
        }

        @Override
        public Mono<Brokerage.Transfer> status(
                Withdrawal withdrawal, Brokerage.Account account, String refundTransferId) {
            return brokerage.fundingStatus(refundTransferId);
        }
    }
}
