package com.stack.funding.partner.adapters.due;

import java.util.UUID;

import com.stack.funding.broker.app.Brokerage;
import com.stack.funding.partner.adapters.PartnerCallException;
import com.stack.funding.shared.domain.Chain;
import com.stack.funding.withdrawal.app.WithdrawalPayee;
import reactor.core.publisher.Mono;

/**
 * Due's on-ramp converts a withdrawal's USD from the user's virtual account on the withdrawal's chain, so the broker
 * pays the USD into that account's bank details: the account is found, or opened to convert into the user's custody
 * wallet ({@link DueVirtualAccounts}). Due refusing the account is a refusal (the withdrawal fails before money moved);
 * Due unavailable is an error (asked again later).
 */
public class DueVirtualAccountPayee implements WithdrawalPayee {

    private final DueVirtualAccounts virtualAccounts;

    public DueVirtualAccountPayee(DueVirtualAccounts virtualAccounts) {
        this.virtualAccounts = virtualAccounts;
    }

    @Override
    public boolean namesBanks() {
        return true;
    }

    @Override
    public Mono<Brokerage.PayeeBank> payeeOf(UUID userId, Chain chain, String custodyAddress) {
        return virtualAccounts
                .forUser(userId, chain, custodyAddress)
                .map(account ->
                        new Brokerage.PayeeBank(account.accountNumber(), account.routingNumber(), account.bankName()))
                .onErrorMap(
                        PartnerCallException.class,
                        e -> e.isTransient()
                                ? e
                                : new PayeeRefusedException("Due's virtual account: " + e.getMessage()));
    }
}
