package com.stack.funding.inbox.adapters;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.stack.funding.inbox.app.PartnerInbox;
import com.stack.funding.inbox.app.PartnerInbox.AwaitingWallets;
import com.stack.funding.inbox.app.PartnerInbox.Message;
import com.stack.funding.inbox.app.PartnerInbox.Notification;
import com.stack.funding.inbox.domain.InboxOutcome;
import com.stack.funding.shared.adapters.Bindings;
import com.stack.funding.shared.domain.Chain;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * Partner notifications, stored once each, then claimed and processed. A claim is a lease
 * ({@code claimed_until}), taken with {@code FOR UPDATE SKIP LOCKED} so that instances claiming at the
 * same time take different rows; a processor that dies loses its lease and the row is claimed again.
 * Processing itself locks the row and checks it is still unprocessed, so an expired lease never leads
 * to a notification being applied twice.
 */
@Repository
public class PartnerInboxRepository implements PartnerInbox {

    private final DatabaseClient db;

    public PartnerInboxRepository(DatabaseClient db) {
        this.db = db;
    }

    /** Stores the notification; false when the partner's event id was stored before (a retry or a replay). */
    @Override
    public Mono<Boolean> store(String partner, String eventId, String type, String payload) {
        return storeAll(partner, List.of(new Notification(eventId, type, payload)))
                .map(stored -> !stored.isEmpty());
    }

    /**
     * Stores the notifications in one statement, in their order, each event id once; emits the event ids stored
     * now (an id stored before, a retry or a replay, is not; one repeated in the list is stored once).
     */
    @Override
    public Mono<Set<String>> storeAll(String partner, List<Notification> notifications) {
        if (notifications.isEmpty()) {
            return Mono.just(Set.of());
        }
        return db.sql("INSERT INTO partner_inbox (partner, event_id, type, payload)"
                        + " SELECT :partner, n.event_id, n.type, n.payload"
                        + " FROM unnest(:events::varchar[], :types::varchar[], :payloads::text[]) WITH ORDINALITY"
                        + " AS n(event_id, type, payload, position) ORDER BY n.position"
                        + " ON CONFLICT (partner, event_id) DO NOTHING RETURNING event_id")
                .bind("partner", partner)
                .bind(
                        "events",
                        notifications.stream().map(Notification::eventId).toArray(String[]::new))
                .bind("types", notifications.stream().map(Notification::type).toArray(String[]::new))
                .bind(
                        "payloads",
                        notifications.stream().map(Notification::payload).toArray(String[]::new))
                .map(row -> row.get("event_id", String.class))
                .all()
                .collect(Collectors.toSet());
    }

    @Override
    public Mono<Boolean> contains(String partner, String eventId) {
        return db.sql("SELECT 1 FROM partner_inbox WHERE partner = :partner AND event_id = :event")
                .bind("partner", partner)
                .bind("event", eventId)
                .map(row -> true)
                .one()
                .defaultIfEmpty(false);
    }

    /** Claims up to {@code limit} unprocessed rows that are due and not leased, oldest first, for {@code lease}. */
    @Override
    public Mono<List<Message>> claim(int limit, Duration lease) {
        return db.sql("UPDATE partner_inbox i SET claimed_until = now() + make_interval(secs => :lease),"
                        + " attempts = i.attempts + 1"
                        + " WHERE i.id IN (SELECT c.id FROM partner_inbox c WHERE c.processed_at IS NULL"
                        + " AND c.next_attempt_at <= now() AND (c.claimed_until IS NULL OR c.claimed_until < now())"
                        + " ORDER BY c.id LIMIT :limit FOR UPDATE SKIP LOCKED)"
                        + " RETURNING i.id, i.partner, i.event_id, i.type, i.payload, i.attempts")
                .bind("lease", Bindings.seconds(lease))
                .bind("limit", limit)
                .map(row -> new Message(
                        row.get("id", Long.class),
                        row.get("partner", String.class),
                        row.get("event_id", String.class),
                        row.get("type", String.class),
                        row.get("payload", String.class),
                        row.get("attempts", Integer.class)))
                .all()
                .collectSortedList((a, b) -> Long.compare(a.id(), b.id()));
    }

    /**
     * Locks the row for the current transaction; true when it is still unprocessed (false when another
     * processor, whose lease ran out under it, finished it meanwhile).
     */
    @Override
    public Mono<Boolean> lockUnprocessed(long id) {
        return db.sql("SELECT processed_at IS NULL AS open FROM partner_inbox WHERE id = :id FOR UPDATE")
                .bind("id", id)
                .map(row -> Boolean.TRUE.equals(row.get("open", Boolean.class)))
                .one()
                .defaultIfEmpty(false);
    }

    @Override
    public Mono<Void> markProcessed(long id, InboxOutcome outcome) {
        return db.sql("UPDATE partner_inbox SET processed_at = now(), outcome = :outcome, outcome_detail = :detail,"
                        + " claimed_until = NULL WHERE id = :id")
                .bind("id", id)
                .bind("outcome", outcome.kind().column())
                .bind("detail", outcome.detail())
                .fetch()
                .rowsUpdated()
                .then();
    }

    /**
     * Parks the row, unprocessed, until the wallet of {@code outcome}'s address is recorded: it is not claimed
     * again before {@link #releaseAwaiting} or {@link #releaseAwaitingKnownWallets} puts it back. It keeps
     * waiting since it first waited.
     */
    @Override
    public Mono<Void> awaitWallet(long id, InboxOutcome outcome) {
        InboxOutcome.WalletAddress awaited = outcome.awaitedWallet();
        return db.sql("UPDATE partner_inbox SET claimed_until = NULL, next_attempt_at = 'infinity',"
                        + " awaiting_chain = :chain, awaiting_address = :address,"
                        + " awaiting_since = COALESCE(awaiting_since, now()), last_error = :detail"
                        + " WHERE id = :id AND processed_at IS NULL")
                .bind("id", id)
                .bind("chain", awaited.chain().column())
                .bind("address", awaited.address())
                .bind("detail", outcome.detail())
                .fetch()
                .rowsUpdated()
                .then();
    }

    /** Puts the rows waiting for the wallet of {@code address} back to be processed now; emits how many. */
    @Override
    public Mono<Long> releaseAwaiting(Chain chain, String address) {
        return db.sql(
                        "UPDATE partner_inbox SET next_attempt_at = now(), awaiting_chain = NULL, awaiting_address = NULL,"
                                + " awaiting_since = NULL WHERE awaiting_address = :address AND awaiting_chain = :chain")
                .bind("chain", chain.column())
                .bind("address", address)
                .fetch()
                .rowsUpdated();
    }

    /** Puts back every waiting row whose wallet is known by now; emits how many. */
    @Override
    public Mono<Long> releaseAwaitingKnownWallets() {
        return db.sql(
                        "UPDATE partner_inbox i SET next_attempt_at = now(), awaiting_chain = NULL, awaiting_address = NULL,"
                                + " awaiting_since = NULL WHERE i.awaiting_address IS NOT NULL AND EXISTS (SELECT 1 FROM known_wallets w"
                                + " WHERE w.address = i.awaiting_address AND w.chain = i.awaiting_chain)")
                .fetch()
                .rowsUpdated();
    }

    @Override
    public Mono<AwaitingWallets> awaitingWallets() {
        return db.sql("SELECT count(*) AS waiting, min(awaiting_since) AS oldest FROM partner_inbox"
                        + " WHERE awaiting_address IS NOT NULL")
                .map(row -> {
                    OffsetDateTime oldest = row.get("oldest", OffsetDateTime.class);
                    return new AwaitingWallets(
                            row.get("waiting", Long.class), oldest == null ? null : oldest.toInstant());
                })
                .one();
    }

    /** Releases the claim after a failed attempt; the row is due again after {@code backoff}. */
    @Override
    public Mono<Void> retryLater(long id, Duration backoff, String error) {
        return db.sql(
                        "UPDATE partner_inbox SET claimed_until = NULL, last_error = :error,"
                                + " next_attempt_at = now() + make_interval(secs => :backoff) WHERE id = :id AND processed_at IS NULL")
                .bind("id", id)
                .bind("error", error)
                .bind("backoff", Bindings.seconds(backoff))
                .fetch()
                .rowsUpdated()
                .then();
    }
}
