package com.stack.defaults.messaging;

/**
 * An event that can never be applied, however often it is tried: its payload does not decode, its
 * schema version is not one this service reads, it fails validation, or it is older than the
 * deduplication horizon. A handler throws this to send the event to its dead-letter topic at once;
 * every other failure is treated as transient and retried without a count limit (see {@link EventConsumer}).
 * {@link #reason()} is a short machine-readable code, recorded in the {@code stack_dlt_reason} header.
 */
public class PoisonEventException extends RuntimeException {

    /** The payload or its CloudEvents headers do not decode into the subscribed contract. */
    public static final String UNDECODABLE = "undecodable";
    /** The version in the event's {@code ce_dataschema} is not a schema version this service reads. */
    public static final String UNSUPPORTED_VERSION = "unsupported_version";
    /** The handler found the event's data invalid. */
    public static final String INVALID = "invalid";
    /** The event is older than {@code stack.messaging.consumer.dedupe-retention}: its dedupe row may be gone. */
    public static final String BEYOND_DEDUPE_HORIZON = "beyond_dedupe_horizon";

    private final String reason;

    public PoisonEventException(String reason, String message) {
        this(reason, message, null);
    }

    public PoisonEventException(String reason, String message, Throwable cause) {
        super(reason + ": " + message, cause);
        this.reason = reason;
    }

    /** An invalid event: the handler's validation refused it. */
    public static PoisonEventException invalid(String message) {
        return new PoisonEventException(INVALID, message);
    }

    public String reason() {
        return reason;
    }

    /** The poison cause of {@code failure}, if any exception in its cause chain is one. */
    static PoisonEventException in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PoisonEventException poison) {
                return poison;
            }
        }
        return null;
    }
}
