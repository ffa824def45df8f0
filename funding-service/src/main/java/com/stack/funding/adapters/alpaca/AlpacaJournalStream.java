package com.stack.funding.adapters.alpaca;

import com.stack.defaults.partners.alpaca.AlpacaConnection;
import com.stack.defaults.partners.alpaca.AlpacaEventStream;
import com.stack.defaults.partners.sse.StreamPositions;
import com.stack.funding.adapters.PartnerInboxRepository;
import com.stack.funding.app.DepositIntakeMetrics;
import com.stack.funding.app.PartnerInboxProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Follows Alpaca's journal status stream ({@code GET /v2/events/journals/status}, server-sent events, HTTP
 * Basic auth; Alpaca has no webhooks) into the partner inbox. Each event is stored once by its
 * {@code event_id} together with the stream position, in one transaction; a reconnect (after the stream
 * ended, failed, went quiet past the idle timeout, or said that messages were dropped) resumes with
 * {@code since_id} = the last stored id, so nothing is missed and a replayed event stores nothing.
 * Heartbeat comments only keep the idle timeout at bay. The events are applied by the inbox processor.
 */
public class AlpacaJournalStream extends AlpacaEventStream {

    private static final Logger log = LoggerFactory.getLogger(AlpacaJournalStream.class);
    static final String PATH = "/v2/events/journals/status";

    private final PartnerInboxRepository inbox;
    private final PartnerInboxProcessor processor;
    private final DepositIntakeMetrics metrics;
    private final TransactionalOperator transactions;

    public AlpacaJournalStream(WebClient.Builder webClients, AlpacaConnection connection, AlpacaProperties properties,
            PartnerInboxRepository inbox, StreamPositions positions, PartnerInboxProcessor processor,
            DepositIntakeMetrics metrics, TransactionalOperator transactions) {
        super("Alpaca's journal event stream", webClients, connection, PATH, properties.events(), positions,
                AlpacaJournalEvents.STREAM);
        this.inbox = inbox;
        this.processor = processor;
        this.metrics = metrics;
        this.transactions = transactions;
    }

    @Override
    protected Mono<Void> take(String data) {
        AlpacaJournalEvents.Event event;
        try {
            event = AlpacaJournalEvents.event(data);
        } catch (AlpacaJournalEvents.MalformedEventException e) {
            log.error("An event on Alpaca's journal stream is not one ({}); skipped: {}", e.getMessage(), data);
            metrics.webhook(AlpacaClient.PARTNER, "malformed");
            return Mono.empty();
        }
        return transactions.transactional(inbox.store(AlpacaClient.PARTNER, event.eventId(), AlpacaJournalEvents.STREAM,
                                data)
                        .flatMap(stored -> advance(event.eventId()).thenReturn(stored)))
                .doOnNext(stored -> {
                    metrics.webhook(AlpacaClient.PARTNER, stored ? "accepted" : "duplicate");
                    if (stored) {
                        processor.wake();
                    }
                })
                .then();
    }
}
