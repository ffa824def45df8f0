package com.stack.defaults.limits;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * At most {@code count} of something a user may do within {@code window} ({@code 5/1m}, {@code 10/1h}): a service's own
 * limit, counted in its database under the user's lock, so it holds whatever the gateway in front of it does, with
 * Redis down and across instances. Plain Java, for domain code.
 */
public record PerWindowLimit(int count, Duration window) {

    private static final Pattern TEXT = Pattern.compile("(\\d{1,6})/(\\d{1,6})([smh])");

    public PerWindowLimit {
        if (count < 1 || window == null || window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("a per-window limit is at least 1 in a positive window");
        }
    }

    /** Reads {@code <count>/<window>}, the window in seconds, minutes or hours: {@code 5/1m}, {@code 20/1h}. */
    public static PerWindowLimit parse(String text) {
        return parse("the limit", text);
    }

    /** As {@link #parse(String)}; a text that does not read names {@code property} in its message. */
    public static PerWindowLimit parse(String property, String text) {
        Matcher matcher = TEXT.matcher(text == null ? "" : text.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException(
                    property + " must read <count>/<window> with the window in s, m or h" + " (such as 5/1m): " + text);
        }
        long amount = Long.parseLong(matcher.group(2));
        Duration window = switch (matcher.group(3)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
        return new PerWindowLimit(Integer.parseInt(matcher.group(1)), window);
    }

    /** Whether one more is allowed after {@code done} within the window. */
    public boolean allowsAnother(long done) {
        return done < count;
    }

    /** How long until the oldest counted ({@code oldest}, null: none) leaves the window, seen at {@code now}. */
    public Duration retryAfter(Instant oldest, Instant now) {
        Duration left = oldest == null ? window : Duration.between(now, oldest.plus(window));
        return left.isNegative() ? Duration.ZERO : left;
    }

    @Override
    public String toString() {
        return count + " per " + window;
    }
}
