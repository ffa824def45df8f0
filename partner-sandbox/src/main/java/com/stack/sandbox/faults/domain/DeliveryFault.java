package com.stack.sandbox.faults.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What happens to one webhook delivery of a partner that a fault hit.
 *
 * @param faultId the fault that hit
 */
public record DeliveryFault(String faultId, Kind kind) {

    /** The effects a fault can have on a partner's outbound notifications. */
    public enum Kind {
        /** The same notification (same id, same bytes, same signature) is delivered twice. */
        DUPLICATE,
        /** The notification is never delivered (and recorded as dropped). */
        DROP,
        /** The notifications of one object (one transfer's states) are delivered in reverse order. */
        REORDER;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Kind> named(String wireName) {
            return Arrays.stream(values())
                    .filter(kind -> kind.wireName().equals(wireName))
                    .findFirst();
        }
    }
}
