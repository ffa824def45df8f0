package com.stack.onboarding.user.domain;

import java.util.regex.Pattern;

import com.stack.defaults.errors.InvalidInputException;

/** The phone number rule of sign-up and the profile: E.164, one format for the uniqueness to hold on. */
public final class PhoneNumbers {

    /** E.164: a plus sign and 8 to 15 digits, the first not 0. */
    private static final Pattern E164 = Pattern.compile("^\\+[1-9][0-9]{7,14}$");
    /** What people write between digits and what is dropped before the check. */
    private static final Pattern SEPARATORS = Pattern.compile("[ ()-]");

    private PhoneNumbers() {}

    /** The number in E.164, as written with or without spaces, hyphens or parentheses; else BAD_USER_INPUT. */
    public static String e164(String written) {
        String number = SEPARATORS.matcher(written).replaceAll("");
        if (!E164.matcher(number).matches()) {
            throw new InvalidInputException("phoneNumber", "must be in international format, such as +14155550123");
        }
        return number;
    }
}
