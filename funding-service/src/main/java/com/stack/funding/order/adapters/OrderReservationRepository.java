package com.stack.funding.order.adapters;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.UUID;

import com.stack.funding.order.app.OrderReservationStore;
import com.stack.funding.order.domain.OrderReservation;
import com.stack.funding.shared.adapters.Bindings;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * Funding's answers to investing's orders and their settlement ({@code order_reservations}, one row per order).
 * Written under the user's balance lock, inside the transaction that posts the ledger's side.
 */
@Repository
public class OrderReservationRepository implements OrderReservationStore {

    private static final String COLUMNS = "order_id, user_id, side, amount_usd, held_usd, settled_filled_usd, outcome,"
            + " reason, broker, broker_account_id, broker_account_no, terminal_status, created_at";

    private final DatabaseClient db;

    public OrderReservationRepository(DatabaseClient db) {
        this.db = db;
    }

    @Override
    public Mono<OrderReservation> find(UUID orderId) {
        return db.sql("SELECT " + COLUMNS + " FROM order_reservations WHERE order_id = :order")
                .bind("order", orderId)
                .map(OrderReservationRepository::reservation)
                .one();
    }

    /** Records the answer; the order must have none yet (the caller holds the user's lock and looked). */
    @Override
    public Mono<Void> insert(OrderReservation reservation) {
        var insert = db.sql("INSERT INTO order_reservations (order_id, user_id, side, amount_usd, held_usd,"
                        + " settled_filled_usd, outcome, reason, broker, broker_account_id, broker_account_no, created_at)"
                        + " VALUES (:order, :user, :side, :amount, :held, :settled, :outcome, :reason, :broker,"
                        + " :accountId, :accountNo, :createdAt)")
                .bind("order", reservation.orderId())
                .bind("user", reservation.userId())
                .bind("side", reservation.side().column())
                .bind("amount", reservation.amountUsd())
                .bind("held", reservation.heldUsd())
                .bind("settled", reservation.settledFilledUsd())
                .bind("outcome", reservation.outcome().column())
                .bind("broker", reservation.broker())
                .bind("createdAt", reservation.createdAt().atOffset(ZoneOffset.UTC));
        insert = Bindings.nullable(
                insert,
                "reason",
                reservation.reason() == null ? null : reservation.reason().column(),
                String.class);
        insert = Bindings.nullable(insert, "accountId", reservation.brokerAccountId(), String.class);
        insert = Bindings.nullable(insert, "accountNo", reservation.brokerAccountNo(), String.class);
        return insert.fetch().rowsUpdated().then();
    }

    /** Keeps the settlement: the cumulative fill settled and, once the order ended, how. */
    @Override
    public Mono<Void> settled(OrderReservation reservation) {
        var update = db.sql("UPDATE order_reservations SET settled_filled_usd = :settled, terminal_status = :terminal"
                        + " WHERE order_id = :order")
                .bind("order", reservation.orderId())
                .bind("settled", reservation.settledFilledUsd());
        update = Bindings.nullable(
                update,
                "terminal",
                reservation.terminalStatus() == null
                        ? null
                        : reservation.terminalStatus().column(),
                String.class);
        return update.fetch().rowsUpdated().then();
    }

    private static OrderReservation reservation(Readable row) {
        String reason = row.get("reason", String.class);
        String terminal = row.get("terminal_status", String.class);
        return new OrderReservation(
                row.get("order_id", UUID.class),
                row.get("user_id", UUID.class),
                OrderReservation.Side.valueOf(upper(row.get("side", String.class))),
                row.get("amount_usd", BigDecimal.class),
                row.get("held_usd", BigDecimal.class),
                row.get("settled_filled_usd", BigDecimal.class),
                OrderReservation.Outcome.valueOf(upper(row.get("outcome", String.class))),
                reason == null ? null : OrderReservation.Refusal.valueOf(upper(reason)),
                row.get("broker", String.class),
                row.get("broker_account_id", String.class),
                row.get("broker_account_no", String.class),
                terminal == null ? null : OrderReservation.Terminal.valueOf(upper(terminal)),
                row.get("created_at", OffsetDateTime.class).toInstant());
    }

    private static String upper(String column) {
        return column.toUpperCase(Locale.ROOT);
    }
}
