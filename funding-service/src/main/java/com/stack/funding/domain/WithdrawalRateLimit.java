package com.stack.funding.domain;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * At most {@code count} withdrawals a user may create within {@code window} ({@code 5/1m}): funding's own limit,
 * counted in its database under the user's lock, so it holds whatever the gateway in front of it does, with Redis
 * down and across instances.
 */
public record WithdrawalRateLimit(int count, Duration window) {

    private static final Pattern TEXT = Pattern.compile("(\\d{1,6})/(\\d{1,6})(s|m|h)");

    public WithdrawalRateLimit {
        if (count < 1 || window == null || window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("a withdrawal rate limit is at least 1 in a positive window");
        }
    }

    /** Reads {@code <count>/<window>}, the window in seconds, minutes or hours: {@code 5/1m}, {@code 20/1h}. */
    public static WithdrawalRateLimit parse(String text) {
        Matcher matcher = TEXT.matcher(text == null ? "" : text.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("stack.funding.withdrawals.max-per-window must read <count>/<window>"
                    + " with the window in s, m or h (such as 5/1m): " + text);
        }
        long amount = Long.parseLong(matcher.group(2));
        Duration window = switch (matcher.group(3)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
        return new WithdrawalRateLimit(Integer.parseInt(matcher.group(1)), window);
    }

    /** Whether one more withdrawal is allowed after {@code created} within the window. */
    public boolean allowsAnother(long created) {
        return created < count;
    }

    @Override
    public String toString() {
        return count + " per " + window;
    }
}
