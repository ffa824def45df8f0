package com.stack.defaults.security;

import java.util.UUID;

/**
 * The authenticated user on whose behalf a request runs, taken from the validated bearer token.
 *
 * @param userId  the STACK user id, derived from issuer and subject (see {@code UserIds})
 * @param subject the identity provider's subject claim
 * @param email   the token's email claim, if it has one
 */
public record Caller(UUID userId, String subject, String email) {}
