package com.stack.sandbox.kyc.domain;

import java.net.URI;
import java.time.LocalDate;
import java.util.UUID;

/** A validated applicant request; equal values are "the same request" for an idempotency key. */
public record NewApplicant(
        UUID externalUserId,
        String firstName,
        String lastName,
        LocalDate dateOfBirth,
        String country,
        String documentNumber,
        URI callbackUrl) {}
