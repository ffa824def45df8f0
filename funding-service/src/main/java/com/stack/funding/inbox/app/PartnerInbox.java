package com.stack.funding.inbox.app;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import com.stack.funding.inbox.domain.InboxOutcome;
import com.stack.funding.shared.domain.Chain;
import reactor.core.publisher.Mono;

/**
 * Partner notifications, stored once each, then claimed and processed (port; the adapter is
 * {@code adapters.PartnerInboxRepository}, over {@code partner_inbox}). A claim is a lease: instances claiming at
 * the same time take different rows, and a processor that dies loses its lease and the row is claimed again.
 * Processing itself locks the row and checks it is still unprocessed, so an expired lease never leads to a
 * notification being applied twice.
 */
public interface PartnerInbox {

    /** Stores the notification; false when the partner's event id was stored before (a retry or a replay). */
    Mono<Boolean> store(String partner, String eventId, String type, String payload);

    /**
     * Stores the notifications in one statement, in their order, each event id once; emits the event ids stored
     * now (an id stored before, a retry or a replay, is not; one repeated in the list is stored once).
     */
    Mono<Set<String>> storeAll(String partner, List<Notification> notifications);

    /** Whether the partner's event id was stored. */
    Mono<Boolean> contains(String partner, String eventId);

    /** Claims up to {@code limit} unprocessed rows that are due and not leased, oldest first, for {@code lease}. */
    Mono<List<Message>> claim(int limit, Duration lease);

    /**
     * Locks the row for the current transaction; true when it is still unprocessed (false when another processor,
     * whose lease ran out under it, finished it meanwhile).
     */
    Mono<Boolean> lockUnprocessed(long id);

    /** Marks the row processed, with how it ended. */
    Mono<Void> markProcessed(long id, InboxOutcome outcome);

    /**
     * Parks the row, unprocessed, until the wallet of {@code outcome}'s address is recorded: it is not claimed again
     * before {@link #releaseAwaiting} or {@link #releaseAwaitingKnownWallets} puts it back. It keeps waiting since it
     * first waited.
     */
    Mono<Void> awaitWallet(long id, InboxOutcome outcome);

    /** Puts the rows waiting for the wallet of {@code address} back to be processed now; emits how many. */
    Mono<Long> releaseAwaiting(Chain chain, String address);

    /** Puts back every waiting row whose wallet is known by now; emits how many. */
    Mono<Long> releaseAwaitingKnownWallets();

    /** How many rows wait for a wallet, and since when the oldest has. */
    Mono<AwaitingWallets> awaitingWallets();

    /** Releases the claim after a failed attempt; the row is due again after {@code backoff}. */
    Mono<Void> retryLater(long id, Duration backoff, String error);

    /** A stored notification to process. */
    record Message(long id, String partner, String eventId, String type, String payload, int attempts) {}

    /** A partner's notification as received: its event id, its type, the body exactly as verified. */
    record Notification(String eventId, String type, String payload) {}

    /** How many rows wait for a wallet, and since when the oldest has (null when none does). */
    record AwaitingWallets(long count, Instant oldestSince) {}
}
