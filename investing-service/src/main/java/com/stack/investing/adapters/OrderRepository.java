package com.stack.investing.adapters;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

import com.stack.defaults.graphql.KeysetCursor;
import com.stack.defaults.graphql.KeysetPages;
import com.stack.investing.domain.Order;
import com.stack.investing.domain.OrderSide;
import com.stack.investing.domain.OrderStatus;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
public class OrderRepository {

    private static final String COLUMNS =
            "id, user_id, basket_id, symbol, side, amount_usd, status, failure_reason, created_at";

    private final DatabaseClient db;

    public OrderRepository(DatabaseClient db) {
        this.db = db;
    }

    /** The user's order with this id; empty when there is none or it belongs to someone else. */
    public Mono<Order> findForUser(UUID userId, UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM orders WHERE id = :id AND user_id = :user")
                .bind("id", id).bind("user", userId)
                .map(OrderRepository::order)
                .one();
    }

    /**
     * Up to {@code limit} of the user's orders, newest first, strictly after the cursor's row
     * (from the newest when the cursor is null). Served by the (user_id, created_at DESC, id DESC) index.
     */
    public Flux<Order> findPageForUser(UUID userId, KeysetCursor after, int limit) {
        return KeysetPages.userRows(db, "orders", COLUMNS, userId, after, limit, OrderRepository::order);
    }

    private static Order order(Readable row) {
        return new Order(row.get("id", UUID.class), row.get("user_id", UUID.class), row.get("basket_id", UUID.class),
                row.get("symbol", String.class), OrderSide.fromColumn(row.get("side", String.class)),
                row.get("amount_usd", BigDecimal.class), OrderStatus.fromColumn(row.get("status", String.class)),
                row.get("failure_reason", String.class), row.get("created_at", OffsetDateTime.class).toInstant());
    }
}
