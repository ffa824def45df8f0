package com.stack.sandbox.circle.transactions.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * The states an outbound transaction will go through after {@code INITIATED}, decided when it is
 * accepted: on to {@code COMPLETE}; or {@code FAILED} with an error reason, right away (Circle accepts
 * a transfer the wallet cannot cover, then fails it with {@code INSUFFICIENT_TOKEN}) or after a given state.
 *
 * @param errorReason the reason of the final {@code FAILED}; {@code null} when it completes
 */
public record Plan(List<String> next, String errorReason) {

    public static final String INSUFFICIENT_TOKEN = "INSUFFICIENT_TOKEN";
    /** The states a fail-next flag may fail a transaction after. */
    public static final List<String> FAILABLE_AFTER =
            List.of(Transaction.INITIATED, Transaction.QUEUED, Transaction.SENT, Transaction.CONFIRMED);

    public Plan {
        next = List.copyOf(next);
    }

    public static Plan completing() {
        return new Plan(Transaction.PROGRESS.subList(1, Transaction.PROGRESS.size()), null);
    }

    public static Plan insufficientToken() {
        return new Plan(List.of(Transaction.FAILED), INSUFFICIENT_TOKEN);
    }

    /** Through {@code after} (one of {@link #FAILABLE_AFTER}), then {@code FAILED} with {@code errorReason}. */
    public static Plan failing(String after, String errorReason) {
        int last = Transaction.PROGRESS.indexOf(after);
        if (!FAILABLE_AFTER.contains(after)) {
            throw new IllegalArgumentException("A transaction cannot fail after " + after);
        }
        List<String> states = new ArrayList<>(Transaction.PROGRESS.subList(1, last + 1));
        states.add(Transaction.FAILED);
        return new Plan(states, errorReason);
    }
}
