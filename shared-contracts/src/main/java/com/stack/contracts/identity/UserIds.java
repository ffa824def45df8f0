package com.stack.contracts.identity;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * The STACK user id of a caller, derived from the identity provider's (issuer, subject) pair.
 *
 * <p>Every service computes the same id from the validated token on its own, so no service has to
 * ask onboarding "who is this subject?" on the request path, and no service ever trusts a user id
 * sent by a client. A name-based UUID (version 3) keeps ids stable across restarts and regions.
 */
public final class UserIds {

    private UserIds() {}

    public static UUID fromSubject(String issuer, String subject) {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(subject, "subject");
        return UUID.nameUUIDFromBytes(("oidc|" + issuer + "|" + subject).getBytes(StandardCharsets.UTF_8));
    }
}
