package com.stack.defaults.graphql;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import com.stack.defaults.errors.InvalidInputException;

/**
 * An opaque pagination cursor: the (created_at, id) of the last row seen, for keyset pagination in
 * newest-first order. Opaque to clients; validated when it comes back.
 */
public record KeysetCursor(Instant createdAt, UUID id) {

    public static final int MAX_PAGE_SIZE = 100;

    public String encode() {
        String raw = createdAt.toString() + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes a cursor from a client; {@code null} means "from the start". */
    public static KeysetCursor decode(String cursor) {
        if (cursor == null) {
            return null;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int bar = raw.indexOf('|');
            return new KeysetCursor(Instant.parse(raw.substring(0, bar)), UUID.fromString(raw.substring(bar + 1)));
        } catch (RuntimeException e) {
            throw new InvalidInputException("after", "is not a cursor returned by this API");
        }
    }

    /** Validates a client's page size. */
    public static int pageSize(Integer first) {
        int size = first == null ? 20 : first;
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new InvalidInputException("first", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        return size;
    }
}
