package com.stack.funding.inbox.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * How far a signed notification's own timestamp may be from now. A signature proves who wrote a body,
 * not when it was sent: without this, a captured body could be replayed forever. Both directions count,
 * since a clock ahead of ours is as suspicious as one behind.
 */
public record ReplayWindow(Duration width) {

    public ReplayWindow {
        if (width.isNegative() || width.isZero()) {
            throw new IllegalArgumentException("The replay window must be positive");
        }
    }

    public boolean admits(Instant producedAt, Instant now) {
        return Duration.between(producedAt, now).abs().compareTo(width) <= 0;
    }
}
