package com.stack.sandbox.partners;

import java.util.UUID;

import com.stack.contracts.events.EventIds;

/**
 * Identifiers of sandbox objects. Time-ordered UUIDs from {@link EventIds}: unlike
 * {@link UUID#randomUUID()} they never read the OS entropy pool, so they are safe on an event loop.
 */
public final class SandboxIds {

    private SandboxIds() {}

    public static UUID uuid() {
        return EventIds.next();
    }

    /** {@code prefix} and 32 lowercase hex digits, such as {@code kyc_app_0190f3c2...}. */
    public static String prefixed(String prefix) {
        return prefix + uuid().toString().replace("-", "");
    }
}
