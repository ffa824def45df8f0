package com.stack.defaults.live;

import java.time.Duration;

import com.stack.defaults.transactions.AfterCommit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * A change published to its live subscribers once the transaction that made it has committed (not at all if it
 * rolls back), best effort: the commit's caller waits for the publish, so a Redis that is down (Lettuce queues the
 * command until it reconnects) neither fails nor holds up the committed change for longer than {@link #TIMEOUT}.
 */
public final class BestEffortPublishing {

    public static final Duration TIMEOUT = Duration.ofSeconds(2);

    private static final Logger log = LoggerFactory.getLogger(BestEffortPublishing.class);

    private BestEffortPublishing() {}

    /**
     * Registers the publish with the current transaction; errors with
     * {@link org.springframework.transaction.NoTransactionException} outside one.
     *
     * @param what names the change in the log, e.g. {@code "notification <id>"}
     */
    public static <T> Mono<Void> afterCommit(LiveUpdates<T> updates, T changed, String what) {
        return AfterCommit.run(() -> updates.publish(changed).timeout(TIMEOUT).onErrorResume(e -> {
            log.warn("Live update of {} not published: {}", what, e.toString());
            return Mono.empty();
        }));
    }
}
