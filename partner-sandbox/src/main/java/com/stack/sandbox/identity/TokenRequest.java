package com.stack.sandbox.identity;

import java.util.regex.Pattern;

/**
 * A developer's request for an access token: who the token is for, and for how long.
 *
 * @param subject          the identity provider's subject ("sub"), 1 to 255 characters
 * @param email            optional, an e-mail address of at most 254 characters
 * @param expiresInSeconds optional lifetime, 1 to 86400 seconds; one hour when absent
 */
public record TokenRequest(String subject, String email, Integer expiresInSeconds) {

    static final int MAX_SUBJECT_LENGTH = 255;
    static final int MAX_EMAIL_LENGTH = 254;
    static final int DEFAULT_LIFETIME_SECONDS = 3600;
    static final int MAX_LIFETIME_SECONDS = 86_400;

    /** Deliberately loose: one "@", no spaces, a dot in the domain. The sandbox is no mail validator. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    /** @throws InvalidTokenRequestException naming the first rule broken */
    public void validate() {
        if (subject == null || subject.isBlank()) {
            throw new InvalidTokenRequestException("subject is required");
        }
        if (subject.length() > MAX_SUBJECT_LENGTH) {
            throw new InvalidTokenRequestException("subject must be at most " + MAX_SUBJECT_LENGTH + " characters");
        }
        if (email != null) {
            if (email.length() > MAX_EMAIL_LENGTH) {
                throw new InvalidTokenRequestException("email must be at most " + MAX_EMAIL_LENGTH + " characters");
            }
            if (!EMAIL.matcher(email).matches()) {
                throw new InvalidTokenRequestException("email is not an e-mail address");
            }
        }
        if (expiresInSeconds != null && (expiresInSeconds < 1 || expiresInSeconds > MAX_LIFETIME_SECONDS)) {
            throw new InvalidTokenRequestException("expiresInSeconds must be between 1 and " + MAX_LIFETIME_SECONDS);
        }
    }

    public int lifetimeSeconds() {
        return expiresInSeconds == null ? DEFAULT_LIFETIME_SECONDS : expiresInSeconds;
    }
}
