package com.stack.sandbox.kyc.domain;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The KYC provider's error body: {@code {"error": "invalid_request", "message": "...", "field": "..."}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KycError(String error, String message, String field) {}
