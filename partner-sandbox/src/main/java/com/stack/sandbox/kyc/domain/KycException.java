package com.stack.sandbox.kyc.domain;

/** A request the KYC provider refuses, with its HTTP status and error body. */
public class KycException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int httpStatus;
    private final transient KycError body;

    public KycException(int httpStatus, String error, String message, String field) {
        super(message, null, false, false);
        this.httpStatus = httpStatus;
        this.body = new KycError(error, message, field);
    }

    public static KycException invalid(String field, String message) {
        return new KycException(400, "invalid_request", message, field);
    }

    public static KycException idempotencyKeyReused() {
        return new KycException(
                422, "idempotency_key_reused", "The Idempotency-Key was used before with a different body", null);
    }

    public static KycException applicantNotFound(String applicantId) {
        return new KycException(404, "not_found", "No applicant " + applicantId, null);
    }

    public int httpStatus() {
        return httpStatus;
    }

    public KycError body() {
        return body;
    }
}
