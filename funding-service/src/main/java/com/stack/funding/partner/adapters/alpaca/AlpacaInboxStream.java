package com.stack.funding.partner.adapters.alpaca;

import com.stack.defaults.partners.alpaca.AlpacaConnection;
import com.stack.defaults.partners.alpaca.AlpacaEventStream;
import com.stack.defaults.partners.sse.StreamPositions;
import com.stack.funding.inbox.app.DepositIntakeMetrics;
import com.stack.funding.inbox.app.PartnerInbox;
import com.stack.funding.inbox.app.PartnerInboxProcessor;
import com.stack.funding.shared.domain.Partners;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Follows one of Alpaca's status streams (server-sent events, HTTP Basic auth; Alpaca has no webhooks) into the
 * partner inbox, as notifications of the stream's type. Each event is stored once by its {@code event_id} together
 * with the stream position, in one transaction; a reconnect (after the stream ended, failed, went quiet past the idle
 * timeout, or said that messages were dropped) resumes with {@code since_id} = the last stored id, so nothing is
 * missed and a replayed event stores nothing. Heartbeat comments only keep the idle timeout at bay. The events are
 * applied by the inbox processor.
 */
public abstract class AlpacaInboxStream extends AlpacaEventStream {

    private static final Logger log = LoggerFactory.getLogger(AlpacaInboxStream.class);

    private final String description;
    private final String stream;
    private final PartnerInbox inbox;
    private final PartnerInboxProcessor processor;
    private final DepositIntakeMetrics metrics;
    private final TransactionalOperator transactions;

    /** @param stream the stream's name: its position's, and the type of its notifications in the inbox */
    protected AlpacaInboxStream(
            String description,
            String path,
            String stream,
            WebClient.Builder webClients,
            AlpacaConnection connection,
            AlpacaProperties properties,
            PartnerInbox inbox,
            StreamPositions positions,
            PartnerInboxProcessor processor,
            DepositIntakeMetrics metrics,
            TransactionalOperator transactions) {
        super(description, webClients, connection, path, properties.events(), positions, stream);
        this.description = description;
        this.stream = stream;
        this.inbox = inbox;
        this.processor = processor;
        this.metrics = metrics;
        this.transactions = transactions;
    }

    /** The event's {@code event_id}; fails with an {@link IllegalArgumentException} when the data is not an event. */
    protected abstract String eventId(String data);

    @Override
    protected Mono<Void> take(String data) {
        String eventId;
        try {
            eventId = eventId(data);
        } catch (IllegalArgumentException | IllegalStateException e) {
            log.error("An event on {} is not one ({}); skipped: {}", description, e.getMessage(), data);
            metrics.webhook(Partners.ALPACA, "malformed");
            return Mono.empty();
        }
        return transactions
                .transactional(inbox.store(Partners.ALPACA, eventId, stream, data)
                        .flatMap(stored -> advance(eventId).thenReturn(stored)))
                .doOnNext(stored -> {
                    metrics.webhook(Partners.ALPACA, stored ? "accepted" : "duplicate");
                    if (stored) {
                        processor.wake();
                    }
                })
                .then();
    }
}
