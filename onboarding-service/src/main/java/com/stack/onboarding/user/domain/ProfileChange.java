package com.stack.onboarding.user.domain;

import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.stack.defaults.errors.InvalidInputException;

/**
 * The fields of a profile a user asked to change, validated and normalised: null where not given, empty where the
 * field is to be cleared (phone number and display name; a time zone cannot be cleared, only set).
 */
public record ProfileChange(String phoneNumber, String displayName, String timeZone) {

    static final int DISPLAY_NAME_MAX_LENGTH = 64;
    private static final Pattern CONTROL_CHARACTERS = Pattern.compile("\\p{Cc}");
    /**
     * The IANA region ids java.time knows, by their lower case, so that "europe/london" is taken as Europe/London.
     * Offsets ("+02:00", "UTC+2") are not among them on purpose: a region follows its daylight saving time, and
     * PostgreSQL, which computes the AI CFO's weeks, reads POSIX offsets with the opposite sign.
     */
    private static final Map<String, String> TIME_ZONES = ZoneId.getAvailableZoneIds().stream()
            .collect(Collectors.toMap(id -> id.toLowerCase(Locale.ROOT), Function.identity(), (a, b) -> a));

    /** Validates each given field (a refused one is named in BAD_USER_INPUT's field); blank clears a text field. */
    public static ProfileChange of(String phoneNumber, String displayName, String timeZone) {
        return new ProfileChange(phoneNumber(phoneNumber), displayName(displayName), timeZone(timeZone));
    }

    private static String phoneNumber(String given) {
        if (given == null || given.isBlank()) {
            return given == null ? null : "";
        }
        return PhoneNumbers.e164(given);
    }

    private static String displayName(String given) {
        if (given == null) {
            return null;
        }
        String name = given.strip();
        if (CONTROL_CHARACTERS.matcher(name).find()) {
            throw new InvalidInputException("displayName", "must not contain control characters (such as line breaks)");
        }
        if (name.codePointCount(0, name.length()) > DISPLAY_NAME_MAX_LENGTH) {
            throw new InvalidInputException(
                    "displayName", "must be at most " + DISPLAY_NAME_MAX_LENGTH + " characters");
        }
        return name;
    }

    private static String timeZone(String given) {
        if (given == null) {
            return null;
        }
        String zone = TIME_ZONES.get(given.strip().toLowerCase(Locale.ROOT));
        if (zone == null) {
            throw new InvalidInputException("timeZone", "must be an IANA time zone id, such as Europe/London");
        }
        return zone;
    }
}
