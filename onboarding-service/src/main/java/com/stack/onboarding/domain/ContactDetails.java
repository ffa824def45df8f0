package com.stack.onboarding.domain;

import java.util.Locale;
import java.util.regex.Pattern;

import com.stack.defaults.errors.InvalidInputException;

/** A user's e-mail and optional phone number, normalised and validated. */
public record ContactDetails(String email, String phoneNumber) {

    private static final Pattern EMAIL = Pattern.compile("^[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,189}\\.[A-Za-z]{2,63}$");
    /** E.164: a plus sign and 8 to 15 digits. */
    private static final Pattern PHONE = Pattern.compile("^\\+[1-9][0-9]{7,14}$");

    public static ContactDetails of(String email, String phoneNumber) {
        if (email == null || email.length() > 254 || !EMAIL.matcher(email.trim()).matches()) {
            throw new InvalidInputException("email", "is not a valid e-mail address");
        }
        String phone = phoneNumber == null || phoneNumber.isBlank() ? null : phoneNumber.replaceAll("[ ()-]", "");
        if (phone != null && !PHONE.matcher(phone).matches()) {
            throw new InvalidInputException("phoneNumber", "must be in international format, such as +14155550123");
        }
        return new ContactDetails(email.trim().toLowerCase(Locale.ROOT), phone);
    }
}
