package com.stack.funding.app;

import com.stack.funding.adapters.PartnerInboxRepository;
import com.stack.funding.adapters.drivewealth.DriveWealthClient;
import com.stack.funding.adapters.drivewealth.DriveWealthEvents;
import com.stack.funding.domain.InboxOutcome;
import reactor.core.publisher.Mono;

/** DriveWealth's {@code deposits.updated} events: the broker step's completion (or failure) for a deposit. */
public class DriveWealthDepositEvents implements InboxHandler {

    private final BrokerFundingReports reports;

    public DriveWealthDepositEvents(BrokerFundingReports reports) {
        this.reports = reports;
    }

    @Override
    public String partner() {
        return DriveWealthClient.PARTNER;
    }

    @Override
    public String type() {
        return DriveWealthEvents.DEPOSITS_UPDATED;
    }

    @Override
    public Mono<InboxOutcome> handle(PartnerInboxRepository.Message message) {
        DriveWealthEvents.DepositReading reading = DriveWealthEvents.deposit(message.payload());
        if (reading instanceof DriveWealthEvents.NotAReport refused) {
            return Mono.just(refused.outcome());
        }
        return reports.apply(((DriveWealthEvents.Report) reading).report());
    }
}
