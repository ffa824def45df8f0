package com.stack.funding.deposit.domain;

import java.math.BigDecimal;

import com.stack.funding.shared.domain.Chain;

/**
 * An inbound on-chain transfer of USDC to one of STACK's custody addresses, as reported by the custody
 * partner, in this service's terms.
 *
 * @param chain              the chain it happened on
 * @param txHash             the chain's transaction hash (the deposit's identity with the chain)
 * @param destinationAddress the address it was sent to
 * @param amount             the amount as the partner wrote it; {@link #usdcAmount()} checks it
 * @param confirmation       how far it has got
 * @param partnerTransferId  the partner's own id of the transfer, for reconciliation
 * @param failureReason      the partner's reason when it failed, or null
 */
public record OnChainTransfer(
        Chain chain,
        String txHash,
        String destinationAddress,
        String amount,
        ChainConfirmation confirmation,
        String partnerTransferId,
        String failureReason) {

    /** The amount, exact; an {@link UsdcAmount.InvalidAmountException} says why it cannot be taken. */
    public BigDecimal usdcAmount() {
        return UsdcAmount.parse(amount);
    }

    public String canonicalTxHash() {
        return chain.canonical(txHash);
    }

    public String canonicalDestination() {
        return chain.canonical(destinationAddress);
    }
}
