package com.stack.sandbox.alpaca.domain;

import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * ULIDs (https://github.com/ulid/spec): 48 bits of milliseconds and 80 random bits, written as 26
 * characters of Crockford's base32, so that they sort as text in the order they were made. Monotonic:
 * within one millisecond (or when the clock steps back) the next id is the previous one plus one, so
 * ids made by one generator strictly increase. Not thread-safe: the caller serialises {@link #next()}.
 */
public final class Ulids {

    public static final int LENGTH = 26;
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final long RANDOM_HIGH_MASK = 0xFFFFL; // 16 of the 80 random bits
    private static final long MAX_TIME = (1L << 48) - 1;

    private final LongSupplier millis;
    private final RandomGenerator random;
    private long lastTime = -1;
    private long randomHigh;
    private long randomLow;

    public Ulids(LongSupplier millis, RandomGenerator random) {
        this.millis = millis;
        this.random = random;
    }

    public String next() {
        long now = Math.min(millis.getAsLong(), MAX_TIME);
        if (now > lastTime) {
            lastTime = now;
            randomHigh = random.nextLong() & RANDOM_HIGH_MASK;
            randomLow = random.nextLong();
        } else if (++randomLow == 0 && (randomHigh = (randomHigh + 1) & RANDOM_HIGH_MASK) == 0) {
            // 2^80 ids in one millisecond: borrow the next millisecond
            lastTime++;
        }
        return encode(lastTime, randomHigh, randomLow);
    }

    /** Whether {@code text} is a ULID: 26 characters of Crockford's base32, upper case, the first at most '7'. */
    public static boolean isValid(String text) {
        if (text == null || text.length() != LENGTH || text.charAt(0) > '7') {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            if (indexOf(text.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    static String encode(long time, long high, long low) {
        char[] out = new char[LENGTH];
        // 10 characters of time (50 bits, the top 2 zero), then 16 of randomness (80 bits)
        for (int i = 9; i >= 0; i--) {
            out[i] = ALPHABET[(int) (time & 31)];
            time >>>= 5;
        }
        // the 80 random bits as high (16) : low (64), 5 bits at a time from the right
        for (int i = LENGTH - 1; i >= 10; i--) {
            out[i] = ALPHABET[(int) (low & 31)];
            low = (low >>> 5) | ((high & 31) << 59);
            high >>>= 5;
        }
        return new String(out);
    }

    private static int indexOf(char c) {
        for (int i = 0; i < ALPHABET.length; i++) {
            if (ALPHABET[i] == c) {
                return i;
            }
        }
        return -1;
    }
}
