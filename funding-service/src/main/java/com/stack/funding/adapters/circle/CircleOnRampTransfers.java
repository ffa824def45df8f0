package com.stack.funding.adapters.circle;

import com.stack.funding.app.InboxHandler;
import com.stack.funding.app.PartnerInbox;
import com.stack.funding.app.WithdrawalRampReports;
import com.stack.funding.domain.InboxOutcome;
import reactor.core.publisher.Mono;

/** Circle Mint's {@code transfers} notifications: a withdrawal's on-ramp event, applied by {@link WithdrawalRampReports}. */
public class CircleOnRampTransfers implements InboxHandler {

    private final WithdrawalRampReports reports;

    public CircleOnRampTransfers(WithdrawalRampReports reports) {
        this.reports = reports;
    }

    @Override
    public String partner() {
        return CircleNotifications.PARTNER;
    }

    @Override
    public String type() {
        return CircleNotifications.TRANSFERS;
    }

    @Override
    public Mono<InboxOutcome> handle(PartnerInbox.Message message) {
        CircleNotifications.PayoutReading reading = CircleNotifications.businessTransfer(message.payload());
        if (reading instanceof CircleNotifications.NotAPayout refused) {
            return Mono.just(refused.outcome());
        }
        return reports.apply(((CircleNotifications.Payout) reading).report());
    }
}
