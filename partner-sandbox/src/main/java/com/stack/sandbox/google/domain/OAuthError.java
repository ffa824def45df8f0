package com.stack.sandbox.google.domain;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Google's OAuth 2.0 error body: {@code {"error": "invalid_grant", "error_description": "..."}}. */
public record OAuthError(
        String error, @JsonProperty("error_description") String errorDescription) {}
