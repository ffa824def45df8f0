package com.stack.sandbox.kyc.domain;

import java.time.Instant;
import java.util.List;

/**
 * An applicant and its check.
 *
 * @param reasons      the decision's reasons; {@code null} while pending
 * @param lastCallback the last decision callback sent, for redelivery; {@code null} before the first decision
 */
public record Applicant(
        String applicantId,
        NewApplicant request,
        ApplicantStatus status,
        List<String> reasons,
        Instant createdAt,
        Callback lastCallback) {

    public static Applicant pending(String applicantId, NewApplicant request, Instant createdAt) {
        return new Applicant(applicantId, request, ApplicantStatus.PENDING, null, createdAt, null);
    }

    public Applicant decided(Verdict verdict, Callback callback) {
        return new Applicant(applicantId, request, verdict.status(), verdict.reasons(), createdAt, callback);
    }
}
