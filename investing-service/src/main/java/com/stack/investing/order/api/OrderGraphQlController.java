package com.stack.investing.order.api;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.stack.defaults.graphql.Connection;
import com.stack.defaults.graphql.Ids;
import com.stack.defaults.graphql.UserReference;
import com.stack.defaults.security.CallerResolver;
import com.stack.investing.basket.app.BasketCatalogue;
import com.stack.investing.basket.domain.Basket;
import com.stack.investing.order.app.OrderHistory;
import com.stack.investing.order.app.OrderSaga;
import com.stack.investing.order.app.PlaceOrder;
import com.stack.investing.order.domain.OptionContract;
import com.stack.investing.order.domain.OptionType;
import com.stack.investing.order.domain.Order;
import com.stack.investing.order.domain.OrderRules;
import com.stack.investing.shared.domain.OrderSide;
import org.springframework.graphql.data.federation.EntityMapping;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Orders: placing, canceling and following the caller's orders, their fields, and the user's order history (through
 * the gateway's User entity, which also carries the portfolio: {@code portfolio.api.PortfolioGraphQlController}).
 */
@Controller
public class OrderGraphQlController {

    private final BasketCatalogue catalogue;
    private final OrderHistory orderHistory;
    private final PlaceOrder placeOrder;
    private final OrderSaga orderSaga;

    public OrderGraphQlController(
            BasketCatalogue catalogue, OrderHistory orderHistory, PlaceOrder placeOrder, OrderSaga orderSaga) {
        this.catalogue = catalogue;
        this.orderHistory = orderHistory;
        this.placeOrder = placeOrder;
        this.orderSaga = orderSaga;
    }

    // --- orders ---

    @QueryMapping
    public Mono<Order> order(@Argument String id) {
        return CallerResolver.current().flatMap(caller -> orderHistory.find(caller, Ids.parse("id", id)));
    }

    /** The mutation's input, as the contract has it. */
    public record PlaceOrderInput(
            String basketId,
            String symbol,
            OrderSide side,
            BigDecimal amountUsd,
            String idempotencyKey,
            OptionContractInput option) {}

    public record OptionContractInput(
            String underlying, String expiration, BigDecimal strike, OptionType type, Integer contracts) {}

    /** Records the order PENDING; funding's reservation, the broker and its fills take it from there. */
    @MutationMapping
    public Mono<Order> placeOrder(@Argument PlaceOrderInput input) {
        return CallerResolver.current()
                .flatMap(caller -> Mono.defer(() -> {
                    UUID basketId = input.basketId() == null ? null : Ids.parse("basketId", input.basketId());
                    OptionContractInput option = input.option();
                    return placeOrder.place(
                            caller,
                            new OrderRules.Input(
                                    basketId,
                                    input.symbol(),
                                    option == null
                                            ? null
                                            : new OrderRules.OptionInput(
                                                    option.underlying(),
                                                    option.expiration(),
                                                    option.strike(),
                                                    option.type(),
                                                    option.contracts()),
                                    input.side(),
                                    input.amountUsd(),
                                    input.idempotencyKey()));
                }));
    }

    /** Cancels the caller's order (NOT_FOUND when not theirs; ORDER_NOT_CANCELABLE when final already). */
    @MutationMapping
    public Mono<Order> cancelOrder(@Argument String id) {
        return CallerResolver.current()
                .flatMap(caller -> Mono.defer(() -> orderSaga.cancel(caller, Ids.parseOrNotFound("Order", id))));
    }

    /** The caller's order as it is, then each change until it is final; NOT_FOUND when not theirs. */
    @SubscriptionMapping
    public Flux<Order> orderUpdated(@Argument String id) {
        return CallerResolver.current()
                .flatMapMany(caller -> orderHistory.updates(caller, Ids.parseOrNotFound("Order", id)));
    }

    /** A basket order's children, for a page of orders in one query. */
    @BatchMapping(typeName = "Order", field = "children")
    public Mono<Map<Order, List<Order>>> orderChildren(List<Order> orders) {
        return orderHistory
                .children(orders)
                .map(children -> orders.stream()
                        .distinct()
                        .collect(Collectors.toMap(
                                Function.identity(), order -> children.getOrDefault(order.id(), List.of()))));
    }

    /** The option contract of an option order. */
    @SchemaMapping(typeName = "Order", field = "option")
    public OptionView option(Order order) {
        OptionContract contract = order.option();
        return contract == null
                ? null
                : new OptionView(
                        contract.occSymbol(),
                        contract.underlying(),
                        contract.expiration().toString(),
                        contract.strike(),
                        contract.type(),
                        contract.contracts());
    }

    /** The contract's OptionContract. */
    public record OptionView(
            String symbol, String underlying, String expiration, BigDecimal strike, OptionType type, int contracts) {}

    @SchemaMapping(typeName = "Order", field = "filledQuantity")
    public BigDecimal filledQuantity(Order order) {
        return order.isBasket() ? null : plain(order.filledQuantity());
    }

    @SchemaMapping(typeName = "Order", field = "averagePrice")
    public BigDecimal averagePrice(Order order) {
        return order.isBasket() || order.averagePrice() == null ? null : plain(order.averagePrice());
    }

    @SchemaMapping(typeName = "Order", field = "filledAmountUsd")
    public BigDecimal filledAmountUsd(Order order) {
        return order.filledAmountUsd().setScale(2);
    }

    /** The baskets of a page of orders, in one query. */
    @BatchMapping(typeName = "Order", field = "basket")
    public Mono<Map<Order, Basket>> orderBaskets(List<Order> orders) {
        List<UUID> basketIds = orders.stream()
                .map(Order::basketId)
                .filter(Objects::nonNull)
                .distinct()
                .toList();
        return catalogue
                .byIds(basketIds)
                .map(found -> orders.stream()
                        .filter(order -> order.basketId() != null && found.containsKey(order.basketId()))
                        .collect(Collectors.toMap(
                                Function.identity(), order -> found.get(order.basketId()), (a, b) -> a)));
    }

    // --- the user's investing fields, for the user themselves only ---

    /**
     * Batched entity resolution for the gateway, in the order asked. The user lives in onboarding,
     * so there is nothing to look up here; each field below checks that the caller is that user.
     */
    @EntityMapping
    public List<UserReference> user(@Argument List<String> idList) {
        return idList.stream()
                .map(id -> new UserReference(Ids.parseOrNotFound("User", id)))
                .toList();
    }

    @SchemaMapping(typeName = "User")
    public Mono<Connection<Order>> orders(UserReference user, @Argument Integer first, @Argument String after) {
        return CallerResolver.requireSelf(user.id()).flatMap(caller -> orderHistory.page(caller, first, after));
    }

    /** Exact, without the storage's trailing zeros ("0.25", not "0.250000000"). */
    private static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
