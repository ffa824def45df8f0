package com.stack.investing.broker.adapters.alpaca;

import com.stack.defaults.partners.alpaca.AlpacaConnection;
import com.stack.defaults.partners.alpaca.AlpacaEventStream;
import com.stack.defaults.partners.sse.StreamPositions;
import com.stack.investing.broker.app.ExecutionReport;
import com.stack.investing.broker.app.ExecutionReports;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Follows Alpaca's trade event stream ({@code GET /v2/events/trades}, server-sent events, HTTP Basic auth) into
 * {@link ExecutionReports}. Each event's report is applied, and only then its {@code event_id} recorded as the
 * stream's position; a reconnect or a restart resumes with {@code since_id} = that position. An event applied but
 * not yet recorded (a crash in between) is delivered again and applies again harmlessly: reports are cumulative
 * and idempotent. When applying fails the stream reconnects after the backoff and the event comes again. An event
 * that is not a trade event of an order investing placed is logged, counted ({@code investing.broker.events},
 * outcome {@code malformed}) and passed.
 */
public class AlpacaTradeStream extends AlpacaEventStream {

    private static final Logger log = LoggerFactory.getLogger(AlpacaTradeStream.class);
    static final String PATH = "/v2/events/trades";

    private final ExecutionReports reports;
    private final MeterRegistry meters;

    public AlpacaTradeStream(
            WebClient.Builder webClients,
            AlpacaConnection connection,
            AlpacaProperties properties,
            ExecutionReports reports,
            StreamPositions positions,
            MeterRegistry meters) {
        super(
                "Alpaca's trade event stream",
                webClients,
                connection,
                PATH,
                properties.tradeEvents(),
                positions,
                AlpacaOrders.STREAM);
        this.reports = reports;
        this.meters = meters;
    }

    @Override
    protected Mono<Void> take(String data) {
        AlpacaOrders.TradeEvent event;
        ExecutionReport report;
        try {
            event = AlpacaOrders.event(data);
            report = AlpacaOrders.report(event);
        } catch (AlpacaOrders.MalformedEventException e) {
            log.error(
                    "An event on Alpaca's trade stream is not one of investing's orders ({}); passed: {}",
                    e.getMessage(),
                    data);
            count("malformed");
            String eventId = eventIdOf(data);
            return eventId == null ? Mono.empty() : advance(eventId);
        }
        return reports.apply(report).then(advance(event.eventId())).doOnSuccess(recorded -> count("applied"));
    }

    /** The event id of an event that is not one of investing's, to pass it for good; null when there is none. */
    private static String eventIdOf(String data) {
        try {
            return AlpacaOrders.event(data).eventId();
        } catch (AlpacaOrders.MalformedEventException e) {
            return null;
        }
    }

    private void count(String outcome) {
        meters.counter("investing.broker.events", "partner", AlpacaBroker.PARTNER, "outcome", outcome)
                .increment();
    }
}
