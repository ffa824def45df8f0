package com.stack.funding.partner.adapters.alpaca;

import com.stack.defaults.partners.alpaca.AlpacaConnection;
import com.stack.defaults.partners.sse.StreamPositions;
import com.stack.funding.inbox.app.DepositIntakeMetrics;
import com.stack.funding.inbox.app.PartnerInbox;
import com.stack.funding.inbox.app.PartnerInboxProcessor;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.reactive.function.client.WebClient;

/** Alpaca's journal status stream ({@code GET /v2/events/journals/status}) into the partner inbox. */
public class AlpacaJournalStream extends AlpacaInboxStream {

    static final String PATH = "/v2/events/journals/status";

    public AlpacaJournalStream(
            WebClient.Builder webClients,
            AlpacaConnection connection,
            AlpacaProperties properties,
            PartnerInbox inbox,
            StreamPositions positions,
            PartnerInboxProcessor processor,
            DepositIntakeMetrics metrics,
            TransactionalOperator transactions) {
        super(
                "Alpaca's journal event stream",
                PATH,
                AlpacaJournalEvents.STREAM,
                webClients,
                connection,
                properties,
                inbox,
                positions,
                processor,
                metrics,
                transactions);
    }

    @Override
    protected String eventId(String data) {
        try {
            return AlpacaJournalEvents.event(data).eventId();
        } catch (AlpacaJournalEvents.MalformedEventException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }
}
