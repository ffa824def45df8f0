package com.stack.funding.saga.app;

import java.time.Duration;

import com.stack.contracts.events.EventPayload;
import com.stack.defaults.live.LiveUpdates;
import com.stack.defaults.messaging.Outbox;
import com.stack.defaults.transactions.AfterCommit;
import com.stack.funding.deposit.app.DepositAnnouncements;
import com.stack.funding.withdrawal.app.WithdrawalAnnouncements;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * How a saga's status change is announced, the same for deposits ({@link DepositAnnouncements}) and withdrawals
 * ({@link WithdrawalAnnouncements}): inside the transaction that makes the change, its status-changed event into
 * the outbox (it commits with the change); once the transaction committed, the thing as it now is to live
 * subscribers ({@link LiveUpdates}). A rolled-back change announces nothing.
 */
@Service
public class StatusAnnouncer {

    /**
     * A live update is best effort, and the commit's caller waits for it: a Redis that is down (Lettuce queues the
     * command until it reconnects) must not hold up a committed change for longer than this.
     */
    static final Duration LIVE_UPDATE_TIMEOUT = Duration.ofSeconds(2);

    private static final Logger log = LoggerFactory.getLogger(StatusAnnouncer.class);

    private final Outbox outbox;

    public StatusAnnouncer(Outbox outbox) {
        this.outbox = outbox;
    }

    /**
     * Appends {@code event} to the outbox and, after commit, runs {@code committed} and publishes {@code changed}
     * to {@code updates}; the live update never fails or holds up the committed change.
     *
     * @param what names the change in the log, e.g. {@code "deposit <id>"}
     */
    public <T> Mono<Void> announce(
            EventPayload event, T changed, LiveUpdates<T> updates, Runnable committed, String what) {
        return outbox.append(event).then(AfterCommit.run(() -> {
            committed.run();
            return updates.publish(changed).timeout(LIVE_UPDATE_TIMEOUT).onErrorResume(e -> {
                log.warn("Live update of {} not published: {}", what, e.toString());
                return Mono.empty();
            });
        }));
    }
}
