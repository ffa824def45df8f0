package com.stack.investing.order.app;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import com.stack.defaults.errors.NotFoundException;
import com.stack.defaults.graphql.Connection;
import com.stack.defaults.graphql.KeysetCursor;
import com.stack.defaults.graphql.KeysetPages;
import com.stack.defaults.live.LiveUpdates;
import com.stack.defaults.security.Caller;
import com.stack.investing.order.domain.Order;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reads the caller's orders; a user never sees another user's order. */
@Service
public class OrderHistory {

    private final OrderStore orders;
    private final LiveUpdates<Order> updates;

    public OrderHistory(OrderStore orders, LiveUpdates<Order> updates) {
        this.orders = orders;
        this.updates = updates;
    }

    /** The caller's top-level order with this id; empty when there is none or it is not theirs. */
    public Mono<Order> find(Caller caller, UUID id) {
        return orders.findForUser(caller.userId(), id);
    }

    /**
     * A page of the caller's top-level orders, newest first. {@code first} and {@code after} are the client's
     * arguments, validated here (BAD_USER_INPUT when out of range or not a cursor of ours).
     */
    public Mono<Connection<Order>> page(Caller caller, Integer first, String after) {
        return KeysetPages.page(
                first,
                after,
                (cursor, limit) -> orders.findPageForUser(caller.userId(), cursor, limit),
                order -> new KeysetCursor(order.createdAt(), order.id()));
    }

    /** The children of these orders (basket orders have some), by parent id, each list by symbol. */
    public Mono<Map<UUID, List<Order>>> children(List<Order> parents) {
        List<UUID> baskets = parents.stream()
                .filter(Order::isBasket)
                .map(Order::id)
                .distinct()
                .toList();
        return orders.findChildren(baskets)
                .collectList()
                .map(children -> children.stream().collect(Collectors.groupingBy(Order::parentId)));
    }

    /**
     * The caller's order as it is now, then each change of it in version order, ending after a final status. Fails
     * with {@link NotFoundException}, before anything is sent, when there is none or it is someone else's. The
     * listening starts before the order is read, so a change committed meanwhile is not lost; one at or below the
     * version already sent is dropped.
     */
    public Flux<Order> updates(Caller caller, UUID id) {
        return updates.listen(caller.userId())
                .flatMapMany(changes -> Flux.mergeSequential(
                        find(caller, id).switchIfEmpty(Mono.error(() -> new NotFoundException("Order"))),
                        changes.filter(change -> change.id().equals(id))))
                .transform(OrderHistory::newerVersionsOnly)
                .takeUntil(order -> order.status().isFinal());
    }

    private static Flux<Order> newerVersionsOnly(Flux<Order> orders) {
        return Flux.defer(() -> {
            long[] sent = {0};
            return orders.filter(order -> {
                if (order.version() <= sent[0]) {
                    return false;
                }
                sent[0] = order.version();
                return true;
            });
        });
    }
}
