package com.stack.sandbox.drivewealth.domain;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A DriveWealth event as the body of an SQS message: {@code {"id", "type", "timestamp", "payload"}}; the
 * payload is a deposit's or redemption's {@link Payload}, or an order.
 * A duplicated delivery carries the same {@code id}, which is what a consumer dedupes on.
 */
public record Event(String id, String type, String timestamp, Object payload) {

    /** A deposit or redemption as it is now; {@code statusComment} only when there is one. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Payload(
            String id, String accountNo, String amount, String currency, Status status, String statusComment) {

        public static Payload of(Funding funding) {
            return new Payload(
                    funding.id(),
                    funding.accountNo(),
                    funding.amountText(),
                    funding.currency(),
                    Status.of(funding),
                    funding.statusComment());
        }
    }

    /** {@code {"id": 2, "message": "SUCCESSFUL", "updated": iso}}. */
    public record Status(int id, String message, String updated) {

        public static Status of(Funding funding) {
            return new Status(
                    funding.status().id(),
                    funding.status().name(),
                    funding.updated().toString());
        }
    }
}
