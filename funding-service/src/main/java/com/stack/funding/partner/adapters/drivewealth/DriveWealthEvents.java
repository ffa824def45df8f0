package com.stack.funding.partner.adapters.drivewealth;

import java.math.BigDecimal;

import com.stack.defaults.partners.drivewealth.DriveWealthEvent;
import com.stack.funding.broker.domain.BrokerReport;
import com.stack.funding.inbox.domain.InboxOutcome;
import tools.jackson.databind.JsonNode;

/**
 * DriveWealth's events as its SQS queue delivers them ({@link DriveWealthEvent}), read into this service's terms:
 * the inbox dedupes on the event's id. A
 * {@code deposits.updated} payload is the deposit: {@code id}, {@code accountNo}, {@code amount},
 * {@code status {id, message}} (DriveWealth's numeric codes, {@link DriveWealthClient#status}) and an
 * optional {@code statusComment}. Unknown fields are ignored.
 */
public final class DriveWealthEvents {

    public static final String DEPOSITS_UPDATED = "deposits.updated";
    public static final String REDEMPTIONS_UPDATED = "redemptions.updated";

    private DriveWealthEvents() {}

    public record Envelope(String id, String type) {}

    /** A deposit event's payload, read: the broker's report, or why it is not one to take. */
    public sealed interface DepositReading permits Report, NotAReport {}

    public record Report(BrokerReport report) implements DepositReading {}

    public record NotAReport(InboxOutcome outcome) implements DepositReading {}

    /** The event's id and type, as the inbox stores them; a {@link DriveWealthEvent.MalformedEventException} else. */
    public static Envelope envelope(String body) {
        DriveWealthEvent event = DriveWealthEvent.read(body);
        if (event.id().length() > 255 || event.type().length() > 128) {
            throw new DriveWealthEvent.MalformedEventException("id, type and payload are required");
        }
        return new Envelope(event.id(), event.type());
    }

    public static DepositReading deposit(String body) {
        JsonNode payload = DriveWealthEvent.object(body).path("payload");
        String id = DriveWealthEvent.text(payload, "id");
        JsonNode code = payload.path("status").path("id");
        if (id == null || id.isBlank() || !code.isIntegralNumber()) {
            return new NotAReport(
                    InboxOutcome.failed("malformed", "a deposit event needs payload.id and payload.status.id"));
        }
        BigDecimal amount;
        try {
            String text = payload.path("amount").isMissingNode()
                            || payload.path("amount").isNull()
                    ? null
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
        String comment = DriveWealthEvent.text(payload, "statusComment");
        String message = DriveWealthEvent.text(payload.path("status"), "message");
        String reason = outcome != BrokerReport.Outcome.FAILED
                ? null
                : (message == null ? "status " + code.asInt() : message)
                        + (comment == null ? "" : " (" + comment + ")");
        return new Report(new BrokerReport(id, outcome, amount, reason));
    }
}
