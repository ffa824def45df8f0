package com.stack.investing.app;

import java.util.UUID;

import com.stack.defaults.graphql.Connection;
import com.stack.defaults.graphql.KeysetCursor;
import com.stack.defaults.graphql.KeysetPages;
import com.stack.defaults.security.Caller;
import com.stack.investing.adapters.OrderRepository;
import com.stack.investing.domain.Order;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** Reads the caller's orders; a user never sees another user's order. */
@Service
public class OrderHistory {

    private final OrderRepository orders;

    public OrderHistory(OrderRepository orders) {
        this.orders = orders;
    }

    /** The caller's order with this id; empty when there is none or it is not theirs. */
    public Mono<Order> find(Caller caller, UUID id) {
        return orders.findForUser(caller.userId(), id);
    }

    /**
     * A page of the caller's orders, newest first. {@code first} and {@code after} are the client's
     * arguments, validated here (BAD_USER_INPUT when out of range or not a cursor of ours).
     */
    public Mono<Connection<Order>> page(Caller caller, Integer first, String after) {
        return KeysetPages.page(first, after, (cursor, limit) -> orders.findPageForUser(caller.userId(), cursor, limit),
                order -> new KeysetCursor(order.createdAt(), order.id()));
    }
}
