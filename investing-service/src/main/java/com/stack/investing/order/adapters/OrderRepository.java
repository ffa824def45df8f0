package com.stack.investing.order.adapters;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import com.stack.defaults.graphql.KeysetCursor;
import com.stack.defaults.graphql.KeysetPages;
import com.stack.defaults.metrics.SagaMetrics;
import com.stack.investing.order.app.OrderStore;
import com.stack.investing.order.app.OrderStore.AccountOfUser;
import com.stack.investing.order.app.OrderStore.Keyed;
import com.stack.investing.order.app.OrderStore.PendingSells;
import com.stack.investing.order.domain.NextAction;
import com.stack.investing.order.domain.Order;
import com.stack.investing.order.domain.OrderStatus;
import com.stack.investing.order.domain.Reservation;
import com.stack.investing.shared.domain.AssetType;
import com.stack.investing.shared.domain.OrderSide;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The orders ({@code orders}): each row is an order's saga state. Writers lock a basket's parent before its
 * children ({@link #lock}, then {@link #lockChildren}), so two writers of one basket never deadlock.
 */
@Repository
public class OrderRepository implements OrderStore {

    private static final String COLUMNS = "id, user_id, parent_order_id, basket_id, asset_type, symbol,"
            + " option_details_json::text AS option_json, side, amount_usd, quantity, limit_price, status, failure_reason,"
            + " filled_quantity, filled_amount_usd, average_price, reservation, broker, broker_account_id,"
            + " broker_account_no, broker_order_ref, cancel_requested, next_action, attempts, version, created_at, updated_at";

    private final DatabaseClient db;

    public OrderRepository(DatabaseClient db) {
        this.db = db;
    }

    /** The user's top-level order with this id; empty when there is none, it is a child, or it is someone else's. */
    @Override
    public Mono<Order> findForUser(UUID userId, UUID id) {
        return db.sql("SELECT " + COLUMNS
                        + " FROM orders WHERE id = :id AND user_id = :user AND parent_order_id IS NULL")
                .bind("id", id)
                .bind("user", userId)
                .map(OrderRepository::order)
                .one();
    }

    @Override
    public Mono<Order> findById(UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM orders WHERE id = :id")
                .bind("id", id)
                .map(OrderRepository::order)
                .one();
    }

    /** Up to {@code limit} of the user's top-level orders, newest first, strictly after the cursor's row. */
    @Override
    public Flux<Order> findPageForUser(UUID userId, KeysetCursor after, int limit) {
        return KeysetPages.userRows(db, "top_level_orders", COLUMNS, userId, after, limit, OrderRepository::order);
    }

    @Override
    public Mono<Keyed> findByIdempotencyKey(UUID userId, String key) {
        return db.sql("SELECT " + COLUMNS
                        + ", request_hash FROM orders WHERE user_id = :user AND idempotency_key = :key"
                        + " AND parent_order_id IS NULL")
                .bind("user", userId)
                .bind("key", key)
                .map(row -> new Keyed(order(row), row.get("request_hash", String.class)))
                .one();
    }

    /** The children of these basket orders, by symbol. */
    @Override
    public Flux<Order> findChildren(Collection<UUID> parentIds) {
        if (parentIds.isEmpty()) {
            return Flux.empty();
        }
        return db.sql("SELECT " + COLUMNS + " FROM orders WHERE parent_order_id = ANY(:parents) ORDER BY symbol, id")
                .bind("parents", parentIds.toArray(UUID[]::new))
                .map(OrderRepository::order)
                .all();
    }

    /** Locks the order for the current transaction; empty when there is none. */
    @Override
    public Mono<Order> lock(UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM orders WHERE id = :id FOR UPDATE")
                .bind("id", id)
                .map(OrderRepository::order)
                .one();
    }

    /** Locks a basket order's children (after the parent), in id order. */
    @Override
    public Mono<List<Order>> lockChildren(UUID parentId) {
        return db.sql("SELECT " + COLUMNS + " FROM orders WHERE parent_order_id = :parent ORDER BY id FOR UPDATE")
                .bind("parent", parentId)
                .map(OrderRepository::order)
                .all()
                .collectList();
    }

    /** The amounts of the user's top-level buy orders still waiting for funding's reservation. */
    @Override
    public Mono<BigDecimal> awaitingBuyTotal(UUID userId) {
        return db.sql(
                        "SELECT COALESCE(SUM(amount_usd), 0) AS total FROM orders WHERE user_id = :user"
                                + " AND parent_order_id IS NULL AND side = 'buy' AND reservation = 'awaiting' AND status = 'pending'")
                .bind("user", userId)
                .map(row -> row.get("total", BigDecimal.class))
                .one();
    }

    @Override
    public Mono<PendingSells> pendingSells(UUID userId, String symbol) {
        return db.sql("SELECT COALESCE(SUM(amount_usd - filled_amount_usd), 0) AS amount,"
                        + " COALESCE(SUM(COALESCE(quantity, 0) - filled_quantity), 0) AS quantity FROM orders"
                        + " WHERE user_id = :user AND symbol = :symbol AND side = 'sell'"
                        + " AND status IN ('pending', 'accepted_by_broker', 'partially_filled')")
                .bind("user", userId)
                .bind("symbol", symbol)
                .map(row ->
                        new PendingSells(row.get("amount", BigDecimal.class), row.get("quantity", BigDecimal.class)))
                .one();
    }

    /** Records a new order PENDING, awaiting its reservation ({@code key} and {@code requestHash} of a top-level one). */
    @Override
    public Mono<Void> insert(Order order, String key, String requestHash) {
        var insert = db.sql("INSERT INTO orders (id, user_id, parent_order_id, basket_id, asset_type, symbol,"
                        + " option_details_json, side, amount_usd, quantity, limit_price, status, idempotency_key,"
                        + " request_hash, reservation, created_at) VALUES (:id, :user, :parent, :basket, :assetType, :symbol,"
                        + " CAST(:option AS jsonb), :side, :amount, :quantity, :limit, :status, :key, :hash, :reservation,"
                        + " :createdAt)")
                .bind("id", order.id())
                .bind("user", order.userId())
                .bind("assetType", order.assetType().column())
                .bind("side", order.side().column())
                .bind("amount", order.amountUsd())
                .bind("status", order.status().column())
                .bind("reservation", order.reservation().column())
                .bind("createdAt", OffsetDateTime.ofInstant(order.createdAt(), java.time.ZoneOffset.UTC));
        insert = Bindings.nullable(insert, "parent", order.parentId(), UUID.class);
        insert = Bindings.nullable(insert, "basket", order.basketId(), UUID.class);
        insert = Bindings.nullable(insert, "symbol", order.symbol(), String.class);
        insert = Bindings.nullable(
                insert,
                "option",
                order.option() == null ? null : OptionDetailsJson.write(order.option()),
                String.class);
        insert = Bindings.nullable(insert, "quantity", order.quantity(), BigDecimal.class);
        insert = Bindings.nullable(insert, "limit", order.limitPrice(), BigDecimal.class);
        insert = Bindings.nullable(insert, "key", key, String.class);
        insert = Bindings.nullable(insert, "hash", requestHash, String.class);
        return insert.fetch().rowsUpdated().then();
    }

    /**
     * Writes the order's saga state. A next action newly set is due now, or at once when {@code dueNow}; one that
     * was set before keeps its time (a claim's lease, a retry's backoff), so it never overtakes a call in flight.
     */
    @Override
    public Mono<Void> save(Order order, boolean dueNow) {
        var update = db.sql("UPDATE orders SET status = :status, filled_quantity = :filledQuantity,"
                        + " filled_amount_usd = :filledAmount, reservation = :reservation, cancel_requested = :cancel,"
                        + " attempts = :attempts, version = :version, failure_reason = :failure, average_price = :average,"
                        + " broker = :broker, broker_account_id = :accountId, broker_account_no = :accountNo,"
                        + " broker_order_ref = :ref,"
                        + " next_attempt_at = CASE WHEN CAST(:action AS varchar) IS NULL THEN NULL"
                        + "   WHEN :dueNow OR next_action IS NULL THEN now() ELSE next_attempt_at END,"
                        + " next_action = :action WHERE id = :id")
                .bind("id", order.id())
                .bind("status", order.status().column())
                .bind("filledQuantity", order.filledQuantity())
                .bind("filledAmount", order.filledAmountUsd())
                .bind("reservation", order.reservation().column())
                .bind("cancel", order.cancelRequested())
                .bind("attempts", order.attempts())
                .bind("version", order.version())
                .bind("dueNow", dueNow);
        update = Bindings.nullable(update, "failure", order.failureReason(), String.class);
        update = Bindings.nullable(update, "average", order.averagePrice(), BigDecimal.class);
        update = Bindings.nullable(update, "broker", order.broker(), String.class);
        update = Bindings.nullable(update, "accountId", order.brokerAccountId(), String.class);
        update = Bindings.nullable(update, "accountNo", order.brokerAccountNo(), String.class);
        update = Bindings.nullable(update, "ref", order.brokerOrderRef(), String.class);
        update = Bindings.nullable(
                update,
                "action",
                order.nextAction() == null ? null : order.nextAction().column(),
                String.class);
        return update.fetch().rowsUpdated().then();
    }

    /**
     * Claims up to {@code limit} orders whose next action is due, for {@code lease}: their next attempt moves past the
     * lease (another claimer skips them until then) and {@code attempts} counts the claim.
     */
    @Override
    public Mono<List<Order>> claimDue(int limit, Duration lease) {
        return db.sql("UPDATE orders o SET attempts = o.attempts + 1,"
                        + " next_attempt_at = now() + make_interval(secs => :lease)"
                        + " WHERE o.id IN (SELECT c.id FROM orders c WHERE c.next_action IS NOT NULL"
                        + " AND c.next_attempt_at <= now() ORDER BY c.next_attempt_at LIMIT :limit FOR UPDATE SKIP LOCKED)"
                        + " RETURNING " + COLUMNS.replace("option_details_json::text", "o.option_details_json::text"))
                .bind("lease", lease.toMillis() / 1000.0)
                .bind("limit", limit)
                .map(OrderRepository::order)
                .all()
                .collectList();
    }

    /**
     * Claims up to {@code limit} orders open at the broker that nothing has changed for {@code stuckAfter} (their
     * broker events may be lost): touching them (the trigger moves {@code updated_at}) keeps this and other instances
     * from claiming them again before another {@code stuckAfter} has passed.
     */
    @Override
    public Mono<List<Order>> claimStale(int limit, Duration stuckAfter) {
        return db.sql("UPDATE orders o SET attempts = o.attempts"
                        + " WHERE o.id IN (SELECT c.id FROM orders c WHERE c.next_action IS NULL"
                        + " AND c.broker_order_ref IS NOT NULL AND c.status IN ('accepted_by_broker', 'partially_filled')"
                        + " AND c.updated_at < now() - make_interval(secs => :stuck)"
                        + " ORDER BY c.updated_at LIMIT :limit FOR UPDATE SKIP LOCKED)"
                        + " RETURNING " + COLUMNS.replace("option_details_json::text", "o.option_details_json::text"))
                .bind("stuck", stuckAfter.toMillis() / 1000.0)
                .bind("limit", limit)
                .map(OrderRepository::order)
                .all()
                .collectList();
    }

    /**
     * The unfinished top-level orders (the sagas; a basket's children are its steps) by status: how many nothing has
     * changed for {@code stuckAfter}, and how long ago the oldest was created (for the saga metrics).
     */
    @Override
    public Mono<java.util.Map<String, SagaMetrics.Open>> openByStatus(Duration stuckAfter) {
        return db.sql(
                        "SELECT status, count(*) FILTER (WHERE updated_at < now() - make_interval(secs => :stuck)) AS stuck,"
                                + " EXTRACT(EPOCH FROM now() - min(created_at))::float8 AS oldest FROM top_level_orders"
                                + " WHERE status NOT IN ('filled', 'failed', 'canceled') GROUP BY status")
                .bind("stuck", stuckAfter.toMillis() / 1000.0)
                .map(row -> java.util.Map.entry(
                        row.get("status", String.class),
                        SagaMetrics.Open.of(row.get("stuck", Long.class), row.get("oldest", Double.class))))
                .all()
                .collectMap(java.util.Map.Entry::getKey, java.util.Map.Entry::getValue);
    }

    /** Puts the order's next action off by {@code delay} (a failed attempt's backoff). */
    @Override
    public Mono<Void> retryLater(UUID id, Duration delay) {
        return db.sql("UPDATE orders SET next_attempt_at = now() + make_interval(secs => :delay)"
                        + " WHERE id = :id AND next_action IS NOT NULL")
                .bind("id", id)
                .bind("delay", delay.toMillis() / 1000.0)
                .fetch()
                .rowsUpdated()
                .then();
    }

    @Override
    public Flux<AccountOfUser> accountsToReconcile(String broker) {
        return db.sql("SELECT DISTINCT ON (user_id) user_id, broker, broker_account_id, broker_account_no FROM orders"
                        + " WHERE broker = :broker AND broker_account_id IS NOT NULL AND (user_id IN"
                        + " (SELECT user_id FROM positions) OR status IN ('pending', 'accepted_by_broker', 'partially_filled'))"
                        + " ORDER BY user_id, created_at DESC")
                .bind("broker", broker)
                .map(row -> new AccountOfUser(
                        row.get("user_id", UUID.class),
                        row.get("broker", String.class),
                        row.get("broker_account_id", String.class),
                        row.get("broker_account_no", String.class)))
                .all();
    }

    /** The unfilled amounts of the user's open top-level buy orders that funding holds for. */
    @Override
    public Mono<BigDecimal> openBuyUnfilled(UUID userId) {
        return db.sql(
                        "SELECT COALESCE(SUM(amount_usd - filled_amount_usd), 0) AS total FROM orders WHERE user_id = :user"
                                + " AND parent_order_id IS NULL AND side = 'buy' AND reservation = 'reserved'"
                                + " AND status IN ('pending', 'accepted_by_broker', 'partially_filled')")
                .bind("user", userId)
                .map(row -> row.get("total", BigDecimal.class))
                .one();
    }

    static Order order(Readable row) {
        Integer attempts = row.get("attempts", Integer.class);
        Long version = row.get("version", Long.class);
        return new Order(
                row.get("id", UUID.class),
                row.get("user_id", UUID.class),
                row.get("parent_order_id", UUID.class),
                row.get("basket_id", UUID.class),
                AssetType.fromColumn(row.get("asset_type", String.class)),
                row.get("symbol", String.class),
                OptionDetailsJson.read(row.get("option_json", String.class)),
                OrderSide.fromColumn(row.get("side", String.class)),
                row.get("amount_usd", BigDecimal.class),
                row.get("quantity", BigDecimal.class),
                row.get("limit_price", BigDecimal.class),
                OrderStatus.fromColumn(row.get("status", String.class)),
                row.get("failure_reason", String.class),
                row.get("filled_quantity", BigDecimal.class),
                row.get("filled_amount_usd", BigDecimal.class),
                row.get("average_price", BigDecimal.class),
                Reservation.fromColumn(row.get("reservation", String.class)),
                row.get("broker", String.class),
                row.get("broker_account_id", String.class),
                row.get("broker_account_no", String.class),
                row.get("broker_order_ref", String.class),
                Boolean.TRUE.equals(row.get("cancel_requested", Boolean.class)),
                NextAction.fromColumn(row.get("next_action", String.class)),
                attempts == null ? 0 : attempts,
                version == null ? 1 : version,
                row.get("created_at", OffsetDateTime.class).toInstant(),
                row.get("updated_at", OffsetDateTime.class).toInstant());
    }
}
