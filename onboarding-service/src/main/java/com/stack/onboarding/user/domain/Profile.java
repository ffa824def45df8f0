package com.stack.onboarding.user.domain;

/**
 * A user's profile: phone number (E.164) and display name, either absent, and a time zone (an IANA region id,
 * {@link #DEFAULT_TIME_ZONE} until the user sets one).
 */
public record Profile(String phoneNumber, String displayName, String timeZone) {

    public static final String DEFAULT_TIME_ZONE = "UTC";

    /** This profile with the change's given fields; an empty value clears the field. */
    public Profile with(ProfileChange change) {
        return new Profile(
                changed(phoneNumber, change.phoneNumber()),
                changed(displayName, change.displayName()),
                change.timeZone() == null ? timeZone : change.timeZone());
    }

    private static String changed(String current, String given) {
        if (given == null) {
            return current;
        }
        return given.isEmpty() ? null : given;
    }
}
