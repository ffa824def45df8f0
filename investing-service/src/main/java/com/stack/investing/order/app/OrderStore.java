package com.stack.investing.order.app;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.stack.defaults.graphql.KeysetCursor;
import com.stack.defaults.metrics.SagaMetrics;
import com.stack.investing.order.domain.Order;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Where the orders are kept, each with its saga state (port; the adapter is {@code adapters.OrderRepository}, over
 * {@code orders}). Writers lock a basket's parent before its children ({@link #lock}, then {@link #lockChildren}), so
 * two writers of one basket never deadlock.
 */
public interface OrderStore {

    /** The user's top-level order with this id; empty when there is none, it is a child, or it is someone else's. */
    Mono<Order> findForUser(UUID userId, UUID id);

    /** The order with this id, top-level or child; empty when there is none. */
    Mono<Order> findById(UUID id);

    /** Up to {@code limit} of the user's top-level orders, newest first, strictly after the cursor's row. */
    Flux<Order> findPageForUser(UUID userId, KeysetCursor after, int limit);

    /** The user's top-level order placed with this idempotency key, with its request's fingerprint; empty if none. */
    Mono<Keyed> findByIdempotencyKey(UUID userId, String key);

    /** The children of these basket orders, by symbol. */
    Flux<Order> findChildren(Collection<UUID> parentIds);

    /** Locks the order for the current transaction; empty when there is none. */
    Mono<Order> lock(UUID id);

    /** Locks a basket order's children (after the parent), in id order. */
    Mono<List<Order>> lockChildren(UUID parentId);

    /** The amounts of the user's top-level buy orders still waiting for funding's reservation. */
    Mono<BigDecimal> awaitingBuyTotal(UUID userId);

    /** What the user's open sell orders of this instrument have yet to sell. */
    Mono<PendingSells> pendingSells(UUID userId, String symbol);

    /** Records a new order PENDING, awaiting its reservation ({@code key} and {@code requestHash} of a top-level one). */
    Mono<Void> insert(Order order, String key, String requestHash);

    /**
     * Writes the order's saga state. A next action newly set is due now, or at once when {@code dueNow}; one that
     * was set before keeps its time (a claim's lease, a retry's backoff), so it never overtakes a call in flight.
     */
    Mono<Void> save(Order order, boolean dueNow);

    /**
     * Claims up to {@code limit} orders whose next action is due, for {@code lease}: their next attempt moves past the
     * lease (another claimer skips them until then) and {@code attempts} counts the claim.
     */
    Mono<List<Order>> claimDue(int limit, Duration lease);

    /**
     * Claims up to {@code limit} orders open at the broker that nothing has changed for {@code stuckAfter} (their
     * broker events may be lost), so that this and other instances do not claim them again before another
     * {@code stuckAfter} has passed.
     */
    Mono<List<Order>> claimStale(int limit, Duration stuckAfter);

    /**
     * The unfinished top-level orders (the sagas; a basket's children are its steps) by status: how many nothing has
     * changed for {@code stuckAfter}, and how long ago the oldest was created (for the saga metrics).
     */
    Mono<Map<String, SagaMetrics.Open>> openByStatus(Duration stuckAfter);

    /** Puts the order's next action off by {@code delay} (a failed attempt's backoff). */
    Mono<Void> retryLater(UUID id, Duration delay);

    /** Users with an open order or a position at this broker, and the broker account of their latest reserved order. */
    Flux<AccountOfUser> accountsToReconcile(String broker);

    /** The unfilled amounts of the user's open top-level buy orders that funding holds for. */
    Mono<BigDecimal> openBuyUnfilled(UUID userId);

    /** A top-level order found by its idempotency key, with the fingerprint of the request that made it. */
    record Keyed(Order order, String requestHash) {}

    /** What the user's open sell orders of this instrument have yet to sell: notional and quantity (contracts). */
    record PendingSells(BigDecimal amountUsd, BigDecimal quantity) {}

    /** A user with an open order or a position, and the broker account of their latest reserved order. */
    record AccountOfUser(UUID userId, String broker, String accountId, String accountNo) {}
}
