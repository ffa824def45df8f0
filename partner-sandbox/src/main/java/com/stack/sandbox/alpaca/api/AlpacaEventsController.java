package com.stack.sandbox.alpaca.api;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import com.stack.sandbox.alpaca.app.EventStream;
import com.stack.sandbox.alpaca.app.EventStream.Comment;
import com.stack.sandbox.alpaca.app.EventStream.Event;
import com.stack.sandbox.alpaca.app.EventStream.Message;
import com.stack.sandbox.alpaca.app.JournalEventStream;
import com.stack.sandbox.alpaca.app.TradeEventStream;
import com.stack.sandbox.alpaca.app.TransferEventStream;
import com.stack.sandbox.alpaca.domain.AlpacaException;
import com.stack.sandbox.alpaca.domain.Ulids;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Alpaca's event streams (server-sent events) under {@value AlpacaApi#BASE_PATH}: journal statuses, funding
 * (transfer) statuses and trades (order changes), alike in resuming ({@code since_id}, {@code until_id}), heartbeats and delivery faults. Written
 * frame by frame, each flushed at once: {@code data: {json}} per event, {@code :heartbeat} and the
 * dropped-messages notice as comment lines. Nothing waits on a thread: a connection is a subscription.
 */
@RestController
@RequestMapping(path = AlpacaApi.BASE_PATH + "/v2/events")
public class AlpacaEventsController {

    private final JournalEventStream journals;
    private final TransferEventStream funding;
    private final TradeEventStream trades;
    private final JsonMapper json;

    public AlpacaEventsController(
            JournalEventStream journals, TransferEventStream funding, TradeEventStream trades, JsonMapper json) {
        this.journals = journals;
        this.funding = funding;
        this.trades = trades;
        this.json = json;
    }

    @GetMapping("/journals/status")
    public Mono<Void> journalStatus(
            @RequestParam(name = "since_id", required = false) String sinceId,
            @RequestParam(name = "until_id", required = false) String untilId,
            ServerWebExchange exchange) {
        return stream(journals, sinceId, untilId, exchange);
    }

    @GetMapping("/funding/status")
    public Mono<Void> fundingStatus(
            @RequestParam(name = "since_id", required = false) String sinceId,
            @RequestParam(name = "until_id", required = false) String untilId,
            ServerWebExchange exchange) {
        return stream(funding, sinceId, untilId, exchange);
    }

    @GetMapping("/trades")
    public Mono<Void> trades(
            @RequestParam(name = "since_id", required = false) String sinceId,
            @RequestParam(name = "until_id", required = false) String untilId,
            ServerWebExchange exchange) {
        return stream(trades, sinceId, untilId, exchange);
    }

    private Mono<Void> stream(EventStream<?> stream, String sinceId, String untilId, ServerWebExchange exchange) {
        String since = ulid(sinceId, "since_id");
        String until = ulid(untilId, "until_id");
        ServerHttpResponse response = exchange.getResponse();
        response.getHeaders().setContentType(MediaType.TEXT_EVENT_STREAM);
        response.getHeaders().setCacheControl("no-cache");
        return response.writeAndFlushWith(stream.messages(since, until)
                .map(message -> Mono.just(response.bufferFactory().wrap(frame(message)))));
    }

    private byte[] frame(Message message) {
        String text = message instanceof Event event
                ? "data: " + json.writeValueAsString(event.event())
                : ":" + ((Comment) message).text();
        return (text + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The ULID in upper case (Crockford base32 ignores case; ids compare as text); {@code null} when absent. */
    private static String ulid(String value, String name) {
        if (value == null) {
            return null;
        }
        String upper = value.toUpperCase(Locale.ROOT);
        if (!Ulids.isValid(upper)) {
            throw AlpacaException.malformed(name + " must be a ULID (26 characters of Crockford base32)");
        }
        return upper;
    }
}
