package com.stack.funding.adapters.alpaca;

import java.util.Locale;

import com.stack.defaults.messaging.BackgroundLoop;
import com.stack.funding.adapters.PartnerInboxRepository;
import com.stack.funding.adapters.StreamPositionRepository;
import com.stack.funding.app.DepositIntakeMetrics;
import com.stack.funding.app.PartnerInboxProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
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
    private static final ParameterizedTypeReference<ServerSentEvent<String>> SSE = new ParameterizedTypeReference<>() {
    };
    static final String PATH = "/v2/events/journals/status";

    private final WebClient web;
    private final AlpacaProperties.Events settings;
    private final PartnerInboxRepository inbox;
    private final StreamPositionRepository positions;
    private final PartnerInboxProcessor processor;
    private final DepositIntakeMetrics metrics;
    private final TransactionalOperator transactions;

    public AlpacaJournalStream(WebClient.Builder webClients, AlpacaProperties properties, PartnerInboxRepository inbox,
            StreamPositionRepository positions, PartnerInboxProcessor processor, DepositIntakeMetrics metrics,
            TransactionalOperator transactions) {
        this.web = webClients.clone()
                .baseUrl(properties.baseUrl().toString())
                .defaultHeaders(headers -> headers.setBasicAuth(properties.apiKey(), properties.apiSecret()))
                .build();
        this.settings = properties.events();
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
        return Mono.defer(this::follow)
                .onErrorResume(e -> {
                    log.warn("Alpaca's journal event stream broke off; resuming in {}: {}", settings.reconnectBackoff(),
                            e.toString());
                    return Mono.empty();
                })
                .then(Mono.delay(settings.reconnectBackoff()))
                .repeat()
                .subscribe();
    }

    /** One connection: from the stored position until the stream ends or fails. */
    Mono<Void> follow() {
        return positions.last(AlpacaClient.PARTNER, AlpacaJournalEvents.STREAM).defaultIfEmpty("")
                .flatMapMany(since -> web.get()
                        .uri(builder -> since.isEmpty() ? builder.path(PATH).build()
                                : builder.path(PATH).queryParam("since_id", since).build())
                        .accept(MediaType.TEXT_EVENT_STREAM)
                        .retrieve()
                        .bodyToFlux(SSE))
                .timeout(settings.idleTimeout())
                .concatMap(this::take)
                .then();
    }

    private Mono<Void> take(ServerSentEvent<String> message) {
        if (message.comment() != null && message.comment().toLowerCase(Locale.ROOT).contains("drop")) {
            // Alpaca dropped messages on this connection: reconnect from the last stored id
            return Mono.error(new IllegalStateException("Alpaca dropped messages: " + message.comment().strip()));
        }
        String data = message.data();
        if (data == null || data.isBlank()) {
            return Mono.empty();   // a heartbeat
        }
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
