package com.stack.funding.partner.adapters.alpaca;

import java.math.BigDecimal;

import com.stack.funding.broker.domain.BrokerReport;
import com.stack.funding.brokerfunding.app.BrokerFundingReports;
import com.stack.funding.inbox.app.InboxHandler;
import com.stack.funding.inbox.domain.InboxOutcome;
import com.stack.funding.shared.domain.Partners;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Alpaca's journal status events ({@code /v2/events/journals/status}), read into this service's terms. One
 * event is {@code {event_id, journal_id, entry_type, status_from, status_to, at}}; {@code event_id} is a
 * ULID, increasing, and what a reconnect resumes after ({@code since_id}). Unknown fields are ignored.
 */
public final class AlpacaJournalEvents {

    /** The inbox handler of the journal status events: the broker's report on a deposit's journal (the broker step). */
    public static InboxHandler statusHandler(BrokerFundingReports reports) {
        return InboxHandler.of(Partners.ALPACA, STREAM, message -> {
            Event event;
            try {
                event = event(message.payload());
            } catch (MalformedEventException e) {
                return Mono.just(malformed(e.getMessage()));
            }
            return reports.apply(report(event));
        });
    }

    public static final String STREAM = "journals.status";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AlpacaJournalEvents() {}

    public record Event(String eventId, String journalId, String statusTo) {}

    /** The event in an SSE message's data; a {@link MalformedEventException} when it is not one. */
    public static Event event(String data) {
        try {
            JsonNode root = JSON.readTree(data);
            String id = text(root, "event_id");
            String journal = text(root, "journal_id");
            String status = text(root, "status_to");
            if (id == null
                    || id.isBlank()
                    || id.length() > 255
                    || journal == null
                    || journal.isBlank()
                    || status == null) {
                throw new MalformedEventException("event_id, journal_id and status_to are required");
            }
            return new Event(id, journal, status);
        } catch (JacksonException e) {
            throw new MalformedEventException("not JSON: " + e.getOriginalMessage());
        }
    }

    /** The broker's report an event makes. */
    public static BrokerReport report(Event event) {
        BrokerReport.Outcome outcome = switch (AlpacaClient.status(event.statusTo())) {
            case PENDING -> BrokerReport.Outcome.PENDING;
            case COMPLETE -> BrokerReport.Outcome.COMPLETE;
            case FAILED -> BrokerReport.Outcome.FAILED;
        };
        return new BrokerReport(
                event.journalId(),
                outcome,
                (BigDecimal) null,
                outcome == BrokerReport.Outcome.FAILED ? "journal " + event.statusTo() : null);
    }

    /** A stored event that does not read as one: refused for good. */
    public static InboxOutcome malformed(String why) {
        return InboxOutcome.failed("malformed", why);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() ? value.asString() : null;
    }

    public static final class MalformedEventException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public MalformedEventException(String message) {
            super(message, null, false, false);
        }
    }
}
