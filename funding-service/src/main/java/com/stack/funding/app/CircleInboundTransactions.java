package com.stack.funding.app;

import java.util.List;

import com.stack.funding.adapters.PartnerInboxRepository;
import com.stack.funding.adapters.circle.CircleNotifications;
import com.stack.funding.domain.InboxOutcome;
import reactor.core.publisher.Mono;

/** Circle's {@code transactions.inbound} notifications: USDC arriving at a custody wallet becomes a deposit. */
public class CircleInboundTransactions implements InboxHandler {

    private final InboundDeposits deposits;
    private final List<String> acceptedTokenIds;

    /** @param acceptedTokenIds Circle's token ids of USDC; empty accepts any token (development only) */
    public CircleInboundTransactions(InboundDeposits deposits, List<String> acceptedTokenIds) {
        this.deposits = deposits;
        this.acceptedTokenIds = List.copyOf(acceptedTokenIds);
    }

    @Override
    public String partner() {
        return CircleNotifications.PARTNER;
    }

    @Override
    public String type() {
        return CircleNotifications.INBOUND_TRANSACTION;
    }

    @Override
    public Mono<InboxOutcome> handle(PartnerInboxRepository.Message message) {
        CircleNotifications.InboundReading reading = CircleNotifications.inboundTransaction(message.payload());
        if (reading instanceof CircleNotifications.NotATransfer refused) {
            return Mono.just(refused.outcome());
        }
        CircleNotifications.Transfer transfer = (CircleNotifications.Transfer) reading;
        if (!acceptedTokenIds.isEmpty() && !acceptedTokenIds.contains(transfer.tokenId())) {
            return Mono.just(InboxOutcome.ignored("unsupported_token", "token " + transfer.tokenId() + " is not USDC"));
        }
        return deposits.apply(transfer.transfer());
    }
}
