package com.stack.sandbox.drivewealth.domain;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A DriveWealth event as the body of an SQS message: {@code {"id", "type", "timestamp", "payload"}}.
 * A duplicated delivery carries the same {@code id}, which is what a consumer dedupes on.
 */
public record Event(String id, String type, String timestamp, Payload payload) {

    public static Event of(String id, Funding funding, Instant now) {
        return new Event(id, funding.kind().eventType(), now.toString(), new Payload(funding.id(), funding.accountNo(),
                funding.amountText(), funding.currency(), Status.of(funding), funding.statusComment()));
    }

    /** The deposit or redemption as it is now; {@code statusComment} only when there is one. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Payload(String id, String accountNo, String amount, String currency, Status status, String statusComment) {
    }

    /** {@code {"id": 2, "message": "SUCCESSFUL", "updated": iso}}. */
    public record Status(int id, String message, String updated) {

        public static Status of(Funding funding) {
            return new Status(funding.status().id(), funding.status().name(), funding.updated().toString());
        }
    }
}
