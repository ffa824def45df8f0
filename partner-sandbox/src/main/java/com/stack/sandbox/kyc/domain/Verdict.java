package com.stack.sandbox.kyc.domain;

import java.util.List;
import java.util.Locale;

/**
 * A decision on an applicant, with its reasons.
 *
 * @param status never PENDING
 */
public record Verdict(ApplicantStatus status, List<String> reasons) {

    public static final String DOCUMENT_INVALID = "DOCUMENT_INVALID";

    public Verdict {
        if (status == ApplicantStatus.PENDING) {
            throw new IllegalArgumentException("pending is no decision");
        }
        reasons = List.copyOf(reasons);
    }

    /**
     * The sandbox's documented test inputs, by the document number's prefix, ignoring case:
     * "REJECT..." is rejected as DOCUMENT_INVALID, "REVIEW..." goes to manual review, anything else
     * is approved.
     */
    public static Verdict forDocument(String documentNumber) {
        String upper = documentNumber.toUpperCase(Locale.ROOT);
        if (upper.startsWith("REJECT")) {
            return new Verdict(ApplicantStatus.REJECTED, List.of(DOCUMENT_INVALID));
        }
        if (upper.startsWith("REVIEW")) {
            return new Verdict(ApplicantStatus.REVIEW, List.of());
        }
        return new Verdict(ApplicantStatus.APPROVED, List.of());
    }
}
