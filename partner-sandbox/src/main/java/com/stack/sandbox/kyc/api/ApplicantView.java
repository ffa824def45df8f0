package com.stack.sandbox.kyc.api;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.stack.sandbox.kyc.domain.Applicant;

/** An applicant as the provider's API shows it; {@code reasons} appear once decided. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApplicantView(
        String applicantId, String externalUserId, String status, List<String> reasons, Instant createdAt) {

    static ApplicantView of(Applicant applicant) {
        return new ApplicantView(
                applicant.applicantId(),
                applicant.request().externalUserId().toString(),
                applicant.status().wireName(),
                applicant.reasons(),
                applicant.createdAt());
    }
}
