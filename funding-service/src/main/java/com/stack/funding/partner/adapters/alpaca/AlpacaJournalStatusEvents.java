package com.stack.funding.partner.adapters.alpaca;

import com.stack.funding.brokerfunding.app.BrokerFundingReports;
import com.stack.funding.inbox.app.InboxHandler;
import com.stack.funding.inbox.app.PartnerInbox;
import com.stack.funding.inbox.domain.InboxOutcome;
import reactor.core.publisher.Mono;

/** Alpaca's journal status events: the broker step's completion (or failure) for a deposit's journal. */
public class AlpacaJournalStatusEvents implements InboxHandler {

    private final BrokerFundingReports reports;

    public AlpacaJournalStatusEvents(BrokerFundingReports reports) {
        this.reports = reports;
    }

    @Override
    public String partner() {
        return AlpacaClient.PARTNER;
    }

    @Override
    public String type() {
        return AlpacaJournalEvents.STREAM;
    }

    @Override
    public Mono<InboxOutcome> handle(PartnerInbox.Message message) {
        AlpacaJournalEvents.Event event;
        try {
            event = AlpacaJournalEvents.event(message.payload());
        } catch (AlpacaJournalEvents.MalformedEventException e) {
            return Mono.just(AlpacaJournalEvents.malformed(e.getMessage()));
        }
        return reports.apply(AlpacaJournalEvents.report(event));
    }
}
