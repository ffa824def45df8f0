package com.stack.onboarding.kyc.domain;

import java.util.List;

import com.stack.defaults.errors.InvalidInputException;

/** A decision the KYC provider delivered to our callback endpoint, after its signature was verified. */
public record KycCallback(String eventId, String applicantId, KycDecision decision, List<String> reasons) {

    private static final int MAX_ID_LENGTH = 128;
    private static final int MAX_REASONS = 20;
    private static final int MAX_REASON_LENGTH = 200;

    public static KycCallback of(String eventId, String applicantId, String decision, List<String> reasons) {
        return new KycCallback(
                id("eventId", eventId),
                id("applicantId", applicantId),
                KycDecision.fromWireName(decision)
                        .orElseThrow(
                                () -> new InvalidInputException("decision", "must be approved, rejected or review")),
                reasons(reasons));
    }

    private static String id(String field, String value) {
        if (value == null || value.isBlank() || value.length() > MAX_ID_LENGTH) {
            throw new InvalidInputException(
                    field, "must be a non-empty string of at most " + MAX_ID_LENGTH + " characters");
        }
        return value;
    }

    private static List<String> reasons(List<String> reasons) {
        if (reasons == null) {
            return List.of();
        }
        if (reasons.size() > MAX_REASONS
                || reasons.stream().anyMatch(reason -> reason == null || reason.length() > MAX_REASON_LENGTH)) {
            throw new InvalidInputException(
                    "reasons",
                    "must be at most " + MAX_REASONS + " strings of at most " + MAX_REASON_LENGTH + " characters");
        }
        return List.copyOf(reasons);
    }
}
