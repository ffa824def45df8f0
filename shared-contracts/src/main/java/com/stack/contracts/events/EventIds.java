package com.stack.contracts.events;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * New event ids: UUID version 7 (RFC 9562), a millisecond timestamp followed by random bits. Unlike
 * {@link UUID#randomUUID()} it never reads the OS entropy pool, which may block (and so must not run
 * on an event loop); ids also sort roughly by creation time, which keeps indexes on them compact.
 * Uniqueness needs no cryptographic randomness here: 74 random bits per millisecond.
 */
public final class EventIds {

    private EventIds() {}

    public static UUID next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long millis = System.currentTimeMillis();
        long high = (millis << 16) | 0x7000L | (random.nextInt() & 0x0FFFL);
        long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low);
    }
}
