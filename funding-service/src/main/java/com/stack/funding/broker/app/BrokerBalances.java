package com.stack.funding.broker.app;

import java.math.BigDecimal;

import reactor.core.publisher.Mono;

/**
 * The cash a user's account holds at the broker, as the broker itself reports it (the port; DriveWealth's money
 * summary and Alpaca's trading account are the adapters). Funding's ledger stays the authority for what is held;
 * this is the second opinion ({@link BrokerBuyingPower}) and what the daily reconciliation compares the ledger
 * with ({@link BrokerReconciler}). A read is safe to repeat.
 */
public interface BrokerBalances {

    /**
     * The account's money, USD.
     *
     * @param balance                the cash in the account, open orders not deducted
     * @param availableForWithdrawal what may leave the account now
     * @param availableForTrade      what new buy orders may spend now (the balance less open buy orders)
     */
    record Cash(BigDecimal balance, BigDecimal availableForWithdrawal, BigDecimal availableForTrade) {}

    /**
     * The account's money now. Fails with {@link Brokerage.BrokerRefusedException} (the broker does not know the
     * account) or {@link Brokerage.BrokerUnavailableException} (a timeout, a 5xx, an open circuit).
     */
    Mono<Cash> cash(Brokerage.Account account);
}
