package com.stack.funding.inbox.app;

import java.security.PublicKey;

import reactor.core.publisher.Mono;

/** The public keys Circle signs its webhook notifications with, by key id (the port; Circle's API is the adapter). */
public interface CircleNotificationKeys {

    /**
     * The key named {@code keyId}. Fails with {@link UnknownKeyException} when Circle has no such key
     * (a forged key id), with {@link KeysUnavailableException} when Circle could not be asked (the
     * notification cannot be checked now; Circle retries it later), and with {@link KeyLookupsLimitedException}
     * when too many key ids not seen before were looked up lately (the same for a genuine new key).
     */
    Mono<PublicKey> publicKey(String keyId);

    /**
     * A key id not seen before, while the lookups of new key ids are at their bound: not asked at Circle. It may
     * be a genuine new key (Circle rotated), so it is answered as "try again later", not as forged.
     */
    final class KeyLookupsLimitedException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final java.time.Duration retryAfter;

        public KeyLookupsLimitedException(String message, java.time.Duration retryAfter) {
            super(message, null, false, false);
            this.retryAfter = retryAfter;
        }

        /** When a lookup is allowed again. */
        public java.time.Duration retryAfter() {
            return retryAfter;
        }
    }

    final class UnknownKeyException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public UnknownKeyException(String message) {
            super(message, null, false, false);
        }
    }

    final class KeysUnavailableException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final boolean transientFailure;

        public KeysUnavailableException(String message, boolean transientFailure, Throwable cause) {
            super(message, cause, false, false);
            this.transientFailure = transientFailure;
        }

        /** Whether asking again may succeed (a timeout, a 5xx, a 429), as opposed to a refusal or a bad answer. */
        public boolean isTransient() {
            return transientFailure;
        }
    }
}
