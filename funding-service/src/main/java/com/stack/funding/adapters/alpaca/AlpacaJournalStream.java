package com.stack.funding.adapters.alpaca;

import com.stack.defaults.messaging.BackgroundLoop;
import com.stack.defaults.partners.sse.ResumableEventStream;
import com.stack.funding.adapters.PartnerInboxRepository;
import com.stack.funding.adapters.StreamPositionRepository;
import com.stack.funding.app.DepositIntakeMetrics;
import com.stack.funding.app.PartnerInboxProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * Follows Alpaca's journal status stream ({@code GET /v2/events/journals/status}, server-sent events, HTTP
 * Basic auth; Alpaca has no webhooks) into the partner inbox. Each event is stored once by its
 * {@code event_id} together with the stream position, in one transaction; a reconnect (after the stream
 * ended, failed, went quiet past the idle timeout, or said that messages were dropped) resumes with
 * {@code since_id} = the last stored id, so nothing is missed and a replayed event stores nothing.
 * Heartbeat comments only keep the idle timeout at bay. The events are applied by the inbox processor.
 */
public class AlpacaJournalStream extends BackgroundLoop {

    private static final Logger log = LoggerFactory.getLogger(AlpacaJournalStream.class);
    static final String PATH = "/v2/events/journals/status";

    private final ResumableEventStream stream;
    private final AlpacaProperties.Events settings;
    private final PartnerInboxRepository inbox;
    private final StreamPositionRepository positions;
    private final PartnerInboxProcessor processor;
    private final DepositIntakeMetrics metrics;
    private final TransactionalOperator transactions;

    public AlpacaJournalStream(WebClient.Builder webClients, AlpacaProperties properties, PartnerInboxRepository inbox,
            StreamPositionRepository positions, PartnerInboxProcessor processor, DepositIntakeMetrics metrics,
            TransactionalOperator transactions) {
        this.settings = properties.events();
        this.stream = new ResumableEventStream("Alpaca's journal event stream", webClients.clone()
                .baseUrl(properties.baseUrl().toString())
                .defaultHeaders(headers -> headers.setBasicAuth(properties.apiKey(), properties.apiSecret()))
                .build(), PATH, settings.reconnectBackoff(), settings.idleTimeout());
        this.inbox = inbox;
        this.positions = positions;
        this.processor = processor;
        this.metrics = metrics;
        this.transactions = transactions;
    }

    @Override
    public boolean isAutoStartup() {
        return settings.enabled();
    }

    @Override
    protected Disposable begin() {
        return stream.run(this::position, this::take);
    }

    /** One connection: from the stored position until the stream ends or fails. */
    Mono<Void> follow() {
        return stream.follow(position(), this::take);
    }

    private Mono<String> position() {
        return positions.last(AlpacaClient.PARTNER, AlpacaJournalEvents.STREAM);
    }

    private Mono<Void> take(String data) {
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
                        .flatMap(stored -> positions.advance(AlpacaClient.PARTNER, AlpacaJournalEvents.STREAM,
                                event.eventId()).thenReturn(stored)))
                .doOnNext(stored -> {
                    metrics.webhook(AlpacaClient.PARTNER, stored ? "stored" : "duplicate");
                    if (stored) {
                        processor.wake();
                    }
                })
                .then();
    }
}
