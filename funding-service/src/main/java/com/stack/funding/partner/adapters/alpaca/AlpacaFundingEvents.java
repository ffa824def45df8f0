package com.stack.funding.partner.adapters.alpaca;

import java.math.BigDecimal;
import java.util.Locale;

import com.stack.funding.broker.app.Brokerage;
import com.stack.funding.broker.domain.BrokerReport;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Alpaca's funding (transfer) status events ({@code /v2/events/funding/status}), read into this service's terms. One
 * event is {@code {event_id, at, account_id, transfer_id, status_from, status_to, direction, type, amount}};
 * {@code event_id} is a ULID, increasing, and what a reconnect resumes after ({@code since_id}). Unknown fields are
 * ignored.
 */
public final class AlpacaFundingEvents {

    public static final String STREAM = "funding.status";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AlpacaFundingEvents() {}

    public enum Direction {
        INCOMING,
        OUTGOING
    }

    /** @param amount the transfer's amount, or null when the event carries none */
    public record Event(
            String eventId,
            String accountId,
            String transferId,
            String statusTo,
            Direction direction,
            BigDecimal amount) {

        /** Where the transfer stands, as the saga counts it. */
        public Brokerage.Status status() {
            return AlpacaClient.transferStatus(statusTo);
        }
    }

    /** The event in an SSE message's data; a {@link MalformedEventException} when it is not one. */
    public static Event event(String data) {
        try {
            JsonNode root = JSON.readTree(data);
            String id = text(root, "event_id");
            String account = text(root, "account_id");
            String transfer = text(root, "transfer_id");
            String status = text(root, "status_to");
            String direction = text(root, "direction");
            if (id == null
                    || id.isBlank()
                    || id.length() > 255
                    || account == null
                    || account.isBlank()
                    || transfer == null
                    || transfer.isBlank()
                    || status == null
                    || direction == null) {
                throw new MalformedEventException(
                        "event_id, account_id, transfer_id, status_to and direction are required");
            }
            Direction way;
            try {
                way = Direction.valueOf(direction.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new MalformedEventException("direction " + direction + " is neither INCOMING nor OUTGOING");
            }
            String amount = text(root, "amount");
            BigDecimal parsed;
            try {
                parsed = amount == null ? null : new BigDecimal(amount);
            } catch (NumberFormatException e) {
                throw new MalformedEventException("amount " + amount + " is not a number");
            }
            return new Event(id, account, transfer, status, way, parsed);
        } catch (JacksonException e) {
            throw new MalformedEventException("not JSON: " + e.getOriginalMessage());
        }
    }

    /** The broker's report an OUTGOING transfer's event makes (on the withdrawal that transfer pays out). */
    public static BrokerReport report(Event event) {
        BrokerReport.Outcome outcome = switch (event.status()) {
            case PENDING -> BrokerReport.Outcome.PENDING;
            case COMPLETE -> BrokerReport.Outcome.COMPLETE;
            case FAILED -> BrokerReport.Outcome.FAILED;
        };
        return new BrokerReport(
                event.transferId(),
                outcome,
                event.amount(),
                outcome == BrokerReport.Outcome.FAILED ? "wire " + event.statusTo() : null);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() ? value.asString() : value.isNumber() ? value.asString() : null;
    }

    public static final class MalformedEventException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public MalformedEventException(String message) {
            super(message, null, false, false);
        }
    }
}
