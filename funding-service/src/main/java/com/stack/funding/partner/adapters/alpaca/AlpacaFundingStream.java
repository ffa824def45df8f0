package com.stack.funding.partner.adapters.alpaca;

import com.stack.defaults.partners.alpaca.AlpacaConnection;
import com.stack.defaults.partners.sse.StreamPositions;
import com.stack.funding.inbox.app.DepositIntakeMetrics;
import com.stack.funding.inbox.app.PartnerInbox;
import com.stack.funding.inbox.app.PartnerInboxProcessor;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Alpaca's funding status stream ({@code GET /v2/events/funding/status}: the accounts' transfers, wires out and in)
 * into the partner inbox, at a position of its own.
 */
public class AlpacaFundingStream extends AlpacaInboxStream {

    static final String PATH = "/v2/events/funding/status";

    public AlpacaFundingStream(
            WebClient.Builder webClients,
            AlpacaConnection connection,
            AlpacaProperties properties,
            PartnerInbox inbox,
            StreamPositions positions,
            PartnerInboxProcessor processor,
            DepositIntakeMetrics metrics,
            TransactionalOperator transactions) {
        super(
                "Alpaca's funding event stream",
                PATH,
                AlpacaFundingEvents.STREAM,
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
            return AlpacaFundingEvents.event(data).eventId();
        } catch (AlpacaFundingEvents.MalformedEventException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }
}
