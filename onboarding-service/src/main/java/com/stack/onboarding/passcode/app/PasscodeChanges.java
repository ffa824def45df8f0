package com.stack.onboarding.passcode.app;

import java.time.Instant;
import java.util.UUID;

import reactor.core.publisher.Mono;

/**
 * The passcode changes each user requested recently, for the per-user limit (port; the adapter is
 * {@code adapters.PasscodeChangeRepository}, over {@code passcode_changes}). Callers hold the user's row lock, so a
 * user's changes are counted and recorded one at a time.
 */
public interface PasscodeChanges {

    /**
     * Forgets the user's changes at or before {@code windowStart} and answers how many are left and the
     * oldest of them (null when none).
     */
    Mono<RecentChanges> recent(UUID userId, Instant windowStart);

    /** Records a change the user requested at {@code requestedAt}. */
    Mono<Void> record(UUID userId, Instant requestedAt);

    /** How many changes the user made in the window, and the oldest of them (null when none). */
    record RecentChanges(long count, Instant oldest) {}
}
