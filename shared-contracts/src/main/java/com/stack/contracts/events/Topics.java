package com.stack.contracts.events;

/**
 * Kafka topics, one per producing domain, versioned with the contracts they carry. Every record's
 * key (its partition key) is the user id the event is about, so one user's events stay in order.
 * A dead-letter topic is the source topic plus {@link #DEAD_LETTER_SUFFIX}.
 */
public final class Topics {

    public static final String ONBOARDING = "stack.onboarding.events.v1";
    public static final String WALLET = "stack.wallet.events.v1";
    public static final String FUNDING = "stack.funding.events.v1";
    public static final String INVESTING = "stack.investing.events.v1";
    public static final String NOTIFICATIONS = "stack.notifications.events.v1";

    public static final String DEAD_LETTER_SUFFIX = ".dlt";

    private Topics() {}

    public static String deadLetter(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }
}
