package com.stack.onboarding.user.domain;

import java.util.Locale;
import java.util.regex.Pattern;

import com.stack.defaults.errors.InvalidInputException;

/** A user's e-mail and optional phone number, normalised and validated. */
public record ContactDetails(String email, String phoneNumber) {

    private static final Pattern EMAIL =
            Pattern.compile("^[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,189}\\.[A-Za-z]{2,63}$");

    public static ContactDetails of(String email, String phoneNumber) {
        if (email == null
                || email.length() > 254
                || !EMAIL.matcher(email.trim()).matches()) {
            throw new InvalidInputException("email", "is not a valid e-mail address");
        }
        String phone = phoneNumber == null || phoneNumber.isBlank() ? null : PhoneNumbers.e164(phoneNumber);
        return new ContactDetails(email.trim().toLowerCase(Locale.ROOT), phone);
    }
}
