package com.stack.funding.app;

import com.stack.contracts.events.v1.DepositStatusChanged;
import com.stack.funding.domain.Deposit;

/** The {@link DepositStatusChanged} announcing a deposit as it now is (its version lets consumers drop stale ones). */
final class DepositEvents {

    static final String USDC = "USDC";

    private DepositEvents() {
    }

    static DepositStatusChanged statusChanged(Deposit deposit) {
        return new DepositStatusChanged(deposit.userId(), deposit.id(), deposit.status().name(),
                deposit.amountUsdc().toPlainString(), USDC, deposit.version(), deposit.updatedAt());
    }
}
