package com.stack.funding.partner.adapters.circle;

import java.util.Map;

import com.stack.funding.deposit.app.InboundDeposits;
import com.stack.funding.inbox.app.InboxHandler;
import com.stack.funding.inbox.app.PartnerInbox;
import com.stack.funding.inbox.domain.InboxOutcome;
import com.stack.funding.shared.domain.Chain;
import com.stack.funding.shared.domain.Partners;
import reactor.core.publisher.Mono;

/**
 * Circle's {@code transactions.inbound} notifications: USDC arriving at a custody wallet becomes a deposit.
 * Only USDC: a transfer of any other token (anyone can send any token to a deposit address) is ignored as
 * {@code unsupported_token}, so a worthless token never becomes buying power.
 */
public class CircleInboundTransactions implements InboxHandler {

    private final InboundDeposits deposits;
    private final Map<Chain, String> usdcTokenIds;

    /** @param usdcTokenIds Circle's token id of USDC, for every chain */
    public CircleInboundTransactions(InboundDeposits deposits, Map<Chain, String> usdcTokenIds) {
        this.deposits = deposits;
        this.usdcTokenIds = Map.copyOf(usdcTokenIds);
        for (Chain chain : Chain.values()) {
            if (!this.usdcTokenIds.containsKey(chain)) {
                throw new IllegalArgumentException("no USDC token id for " + chain.column());
            }
        }
    }

    @Override
    public String partner() {
        return Partners.CIRCLE;
    }

    @Override
    public String type() {
        return CircleNotifications.INBOUND_TRANSACTION;
    }

    @Override
    public Mono<InboxOutcome> handle(PartnerInbox.Message message) {
        CircleNotifications.InboundReading reading = CircleNotifications.inboundTransaction(message.payload());
        if (reading instanceof CircleNotifications.NotATransfer refused) {
            return Mono.just(refused.outcome());
        }
        CircleNotifications.Transfer transfer = (CircleNotifications.Transfer) reading;
        String usdc = usdcTokenIds.get(transfer.transfer().chain());
        if (!usdc.equals(transfer.tokenId())) {
            return Mono.just(InboxOutcome.ignored(
                    "unsupported_token",
                    "token " + transfer.tokenId() + " is not USDC on "
                            + transfer.transfer().chain().column() + " (" + usdc + "); not credited"));
        }
        return deposits.apply(transfer.transfer());
    }
}
