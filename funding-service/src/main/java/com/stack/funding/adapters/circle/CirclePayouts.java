package com.stack.funding.adapters.circle;

import com.stack.funding.app.InboxHandler;
import com.stack.funding.app.OffRampReports;
import com.stack.funding.app.PartnerInbox;
import com.stack.funding.domain.InboxOutcome;
import com.stack.funding.domain.PayoutReport;
import reactor.core.publisher.Mono;

/** Circle's {@code payouts} notifications: the off-ramp's completion event, applied by {@link OffRampReports}. */
public class CirclePayouts implements InboxHandler {

    private final OffRampReports reports;

    public CirclePayouts(OffRampReports reports) {
        this.reports = reports;
    }

    @Override
    public String partner() {
        return CircleNotifications.PARTNER;
    }

    @Override
    public String type() {
        return CircleNotifications.PAYOUTS;
    }

    @Override
    public Mono<InboxOutcome> handle(PartnerInbox.Message message) {
        CircleNotifications.PayoutReading reading = CircleNotifications.payout(message.payload());
        if (reading instanceof CircleNotifications.NotAPayout refused) {
            return Mono.just(refused.outcome());
        }
        PayoutReport report = ((CircleNotifications.Payout) reading).report();
        return reports.apply(report);
    }
}
