package com.stack.funding.partner.adapters.drivewealth;

import com.stack.funding.brokerfunding.app.BrokerFundingReports;
import com.stack.funding.inbox.app.InboxHandler;
import com.stack.funding.inbox.app.PartnerInbox;
import com.stack.funding.inbox.domain.InboxOutcome;
import com.stack.funding.shared.domain.Partners;
import reactor.core.publisher.Mono;

/**
 * DriveWealth's {@code deposits.updated} and {@code redemptions.updated} events (one handler per type): the
 * broker step's completion (or failure) for a deposit's funding or a withdrawal's redemption. Both carry the
 * same payload shape; the reports find their deposit or withdrawal by the broker's transfer id.
 */
public class DriveWealthDepositEvents implements InboxHandler {

    private final BrokerFundingReports reports;
    private final String type;

    public DriveWealthDepositEvents(BrokerFundingReports reports, String type) {
        this.reports = reports;
        this.type = type;
    }

    @Override
    public String partner() {
        return Partners.DRIVEWEALTH;
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public Mono<InboxOutcome> handle(PartnerInbox.Message message) {
        DriveWealthEvents.DepositReading reading = DriveWealthEvents.deposit(message.payload());
        if (reading instanceof DriveWealthEvents.NotAReport refused) {
            return Mono.just(refused.outcome());
        }
        return reports.apply(((DriveWealthEvents.Report) reading).report());
    }
}
