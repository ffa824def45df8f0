package com.stack.onboarding.notification.domain;

import java.util.regex.Pattern;

import com.stack.defaults.errors.InvalidInputException;

/**
 * A device's push token: FCM's registration token (on iOS too, as the FCM SDK issues it there), 32 to
 * {@value #MAX_LENGTH} characters of letters, digits, colons, hyphens and underscores. Real tokens are about
 * 150 to 200 characters; the bounds keep junk and oversized input out of the table.
 */
public record DeviceToken(String value) {

    public static final int MIN_LENGTH = 32;
    public static final int MAX_LENGTH = 512;

    private static final Pattern CHARACTERS = Pattern.compile("[A-Za-z0-9:_-]+");

    /** Validates a token given by a client; fails with an {@link InvalidInputException} naming the field "token". */
    public static DeviceToken of(String token) {
        String value = token == null ? "" : token.strip();
        if (value.isEmpty()) {
            throw new InvalidInputException("token", "is required");
        }
        if (value.length() < MIN_LENGTH || value.length() > MAX_LENGTH) {
            throw new InvalidInputException("token", "must be " + MIN_LENGTH + " to " + MAX_LENGTH + " characters");
        }
        if (!CHARACTERS.matcher(value).matches()) {
            throw new InvalidInputException(
                    "token", "may contain only letters, digits, colons, hyphens and underscores");
        }
        return new DeviceToken(value);
    }
}
