package com.stack.aicfo.domain;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** At most {@code count} on-demand analyses a user may ask for within {@code window} ({@code 10/1h}). */
public record AnalysisRateLimit(int count, Duration window) {

    private static final Pattern TEXT = Pattern.compile("(\\d{1,6})/(\\d{1,6})([smh])");

    public AnalysisRateLimit {
        if (count < 1 || window == null || window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("an analysis rate limit is at least 1 in a positive window");
        }
    }

    /** Reads {@code <count>/<window>}, the window in s, m or h: {@code 10/1h}, {@code 3/30s}. */
    public static AnalysisRateLimit parse(String text) {
        Matcher matcher = TEXT.matcher(text == null ? "" : text.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("stack.aicfo.on-demand.max-per-window must read <count>/<window> with"
                    + " the window in s, m or h (such as 10/1h): " + text);
        }
        long length = Long.parseLong(matcher.group(2));
        Duration window = switch (matcher.group(3)) {
            case "s" -> Duration.ofSeconds(length);
            case "m" -> Duration.ofMinutes(length);
            default -> Duration.ofHours(length);
        };
        return new AnalysisRateLimit(Integer.parseInt(matcher.group(1)), window);
    }

    /** Whether one more request is allowed after {@code asked} within the window. */
    public boolean allowsAnother(long asked) {
        return asked < count;
    }
}
