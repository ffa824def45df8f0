package com.stack.investing.api;

import com.stack.defaults.graphql.UserReference;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.stack.defaults.graphql.Connection;
import com.stack.defaults.graphql.Ids;
import com.stack.defaults.security.CallerResolver;
import com.stack.investing.app.BasketCatalogue;
import com.stack.investing.app.OrderHistory;
import com.stack.investing.app.PortfolioValuation;
import com.stack.investing.domain.Basket;
import com.stack.investing.domain.Order;
import com.stack.investing.domain.Portfolio;
import org.springframework.graphql.data.federation.EntityMapping;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Controller
public class InvestingGraphQlController {

    private final BasketCatalogue catalogue;
    private final OrderHistory orderHistory;
    private final PortfolioValuation portfolioValuation;

    public InvestingGraphQlController(BasketCatalogue catalogue, OrderHistory orderHistory,
            PortfolioValuation portfolioValuation) {
        this.catalogue = catalogue;
        this.orderHistory = orderHistory;
        this.portfolioValuation = portfolioValuation;
    }

    // --- baskets: the public catalogue ---

    @QueryMapping
    public Flux<Basket> baskets() {
        return catalogue.active();
    }

    @QueryMapping
    public Mono<Basket> basket(@Argument String id) {
        return Mono.defer(() -> catalogue.byId(Ids.parse("id", id)));
    }

    /** Batched entity resolution for the gateway: baskets in the order asked, null where there is none. */
    @EntityMapping("Basket")
    public Mono<List<Basket>> basketEntities(@Argument List<String> idList) {
        return catalogue.inOrder(idList.stream().map(InvestingGraphQlController::uuidOrNull).toList());
    }

    // --- orders ---

    @QueryMapping
    public Mono<Order> order(@Argument String id) {
        return CallerResolver.current().flatMap(caller -> orderHistory.find(caller, Ids.parse("id", id)));
    }

    /** The baskets of a page of orders, in one query. */
    @BatchMapping(typeName = "Order", field = "basket")
    public Mono<Map<Order, Basket>> orderBaskets(List<Order> orders) {
        List<UUID> basketIds = orders.stream().map(Order::basketId).filter(Objects::nonNull).distinct().toList();
        return catalogue.byIds(basketIds).map(found -> orders.stream()
                .filter(order -> order.basketId() != null && found.containsKey(order.basketId()))
                .collect(Collectors.toMap(Function.identity(), order -> found.get(order.basketId()), (a, b) -> a)));
    }

    // --- the user's investing fields, for the user themselves only ---

    /**
     * Batched entity resolution for the gateway, in the order asked. The user lives in onboarding,
     * so there is nothing to look up here; each field below checks that the caller is that user.
     */
    @EntityMapping
    public List<UserReference> user(@Argument List<String> idList) {
        return idList.stream().map(id -> new UserReference(Ids.parseOrNotFound("User", id))).toList();
    }

    @SchemaMapping(typeName = "User")
    public Mono<Connection<Order>> orders(UserReference user, @Argument Integer first, @Argument String after) {
        return CallerResolver.requireSelf(user.id()).flatMap(caller -> orderHistory.page(caller, first, after));
    }

    @SchemaMapping(typeName = "User")
    public Mono<Portfolio> portfolio(UserReference user) {
        return CallerResolver.requireSelf(user.id()).flatMap(portfolioValuation::portfolio);
    }

    private static UUID uuidOrNull(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            return null;
        }
    }
}
