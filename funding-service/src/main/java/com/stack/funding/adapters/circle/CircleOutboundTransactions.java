package com.stack.funding.adapters.circle;

import com.stack.funding.app.InboxHandler;
import com.stack.funding.app.PartnerInbox;
import com.stack.funding.app.WithdrawalTransferReports;
import com.stack.funding.domain.InboxOutcome;
import reactor.core.publisher.Mono;

/**
 * Circle's {@code transactions.outbound} notifications: a withdrawal's on-chain transfer event, applied by
 * {@link WithdrawalTransferReports}. The notification is signed by Circle (checked at intake), so its state and
 * hash are taken as they are.
 */
public class CircleOutboundTransactions implements InboxHandler {

    private final WithdrawalTransferReports reports;

    public CircleOutboundTransactions(WithdrawalTransferReports reports) {
        this.reports = reports;
    }

    @Override
    public String partner() {
        return CircleNotifications.PARTNER;
    }

    @Override
    public String type() {
        return CircleNotifications.OUTBOUND_TRANSACTION;
    }

    @Override
    public Mono<InboxOutcome> handle(PartnerInbox.Message message) {
        CircleNotifications.OutboundReading reading = CircleNotifications.outboundTransaction(message.payload());
        if (reading instanceof CircleNotifications.NotOutbound refused) {
            return Mono.just(refused.outcome());
        }
        CircleNotifications.Outbound outbound = (CircleNotifications.Outbound) reading;
        return reports.apply(outbound.transaction(), outbound.refId());
    }
}
