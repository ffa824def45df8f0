package com.stack.funding.adapters.drivewealth;

import java.math.BigDecimal;

import com.stack.funding.domain.BrokerReport;
import com.stack.funding.domain.InboxOutcome;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * DriveWealth's events as its SQS queue delivers them, read into this service's terms. The envelope is
 * {@code {id, type, timestamp, payload}}: {@code id} is the event's own id (the same in every delivery of
 * one event, so the inbox dedupes on it), {@code type} such as {@code deposits.updated}. A
 * {@code deposits.updated} payload is the deposit: {@code id}, {@code accountNo}, {@code amount},
 * {@code status {id, message}} (DriveWealth's numeric codes, {@link DriveWealthClient#status}) and an
 * optional {@code statusComment}. Unknown fields are ignored.
 */
public final class DriveWealthEvents {

    public static final String DEPOSITS_UPDATED = "deposits.updated";
    public static final String REDEMPTIONS_UPDATED = "redemptions.updated";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private DriveWealthEvents() {
    }

    public record Envelope(String id, String type) {
    }

    /** A deposit event's payload, read: the broker's report, or why it is not one to take. */
    public sealed interface DepositReading permits Report, NotAReport {
    }

    public record Report(BrokerReport report) implements DepositReading {
    }

    public record NotAReport(InboxOutcome outcome) implements DepositReading {
    }

    public static Envelope envelope(String body) {
        JsonNode root = tree(body);
        String id = text(root, "id");
        String type = text(root, "type");
        if (id == null || id.isBlank() || id.length() > 255 || type == null || type.isBlank() || type.length() > 128
                || !root.path("payload").isObject()) {
            throw new MalformedEventException("id, type and payload are required");
        }
        return new Envelope(id, type);
    }

    public static DepositReading deposit(String body) {
        JsonNode payload = tree(body).path("payload");
        String id = text(payload, "id");
        JsonNode code = payload.path("status").path("id");
        if (id == null || id.isBlank() || !code.isIntegralNumber()) {
            return new NotAReport(InboxOutcome.failed("malformed", "a deposit event needs payload.id and payload.status.id"));
        }
        BigDecimal amount;
        try {
            String text = payload.path("amount").isMissingNode() || payload.path("amount").isNull() ? null
                    : payload.path("amount").asString();
            amount = text == null || text.isBlank() ? null : new BigDecimal(text);
        } catch (NumberFormatException e) {
            return new NotAReport(InboxOutcome.failed("malformed", "payload.amount is not a decimal"));
        }
        BrokerReport.Outcome outcome = switch (DriveWealthClient.status(code.asInt())) {
            case PENDING -> BrokerReport.Outcome.PENDING;
            case COMPLETE -> BrokerReport.Outcome.COMPLETE;
            case FAILED -> BrokerReport.Outcome.FAILED;
        };
        String comment = text(payload, "statusComment");
        String message = text(payload.path("status"), "message");
        String reason = outcome != BrokerReport.Outcome.FAILED ? null
                : (message == null ? "status " + code.asInt() : message) + (comment == null ? "" : " (" + comment + ")");
        return new Report(new BrokerReport(id, outcome, amount, reason));
    }

    private static JsonNode tree(String body) {
        try {
            JsonNode root = JSON.readTree(body);
            if (root == null || !root.isObject()) {
                throw new MalformedEventException("not a JSON object");
            }
            return root;
        } catch (JacksonException e) {
            throw new MalformedEventException("not JSON: " + e.getOriginalMessage());
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() ? value.asString() : null;
    }

    /** A message that is not a DriveWealth event. */
    public static final class MalformedEventException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public MalformedEventException(String message) {
            super(message, null, false, false);
        }
    }
}
