package com.stack.investing.basket.api;

import java.util.List;
import java.util.UUID;

import com.stack.defaults.graphql.Ids;
import com.stack.investing.basket.app.BasketCatalogue;
import com.stack.investing.basket.domain.Basket;
import org.springframework.graphql.data.federation.EntityMapping;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Baskets: the public catalogue. */
@Controller
public class BasketGraphQlController {

    private final BasketCatalogue catalogue;

    public BasketGraphQlController(BasketCatalogue catalogue) {
        this.catalogue = catalogue;
    }

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
        return catalogue.inOrder(
                idList.stream().map(BasketGraphQlController::uuidOrNull).toList());
    }

    private static UUID uuidOrNull(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            return null;
        }
    }
}
