package com.stack.investing.basket.app;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.stack.investing.basket.domain.Basket;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The curated baskets: public product reference data, readable without a caller. */
@Service
public class BasketCatalogue {

    private final Baskets baskets;

    public BasketCatalogue(Baskets baskets) {
        this.baskets = baskets;
    }

    /** The baskets on offer, from the most conservative to the most growth-oriented. */
    public Flux<Basket> active() {
        return baskets.findActive();
    }

    /**
     * One basket, also when it has been withdrawn from the catalogue: existing orders still point
     * to it. Empty when there is none.
     */
    public Mono<Basket> byId(UUID id) {
        return baskets.findById(id);
    }

    /** The baskets with these ids, by id; ids without a basket are absent from the map. */
    public Mono<Map<UUID, Basket>> byIds(List<UUID> ids) {
        return baskets.findAllById(ids.stream().distinct().toList()).collectMap(Basket::id, Function.identity());
    }

    /** The baskets in the order asked, with null where there is none (or the id was null). */
    public Mono<List<Basket>> inOrder(List<UUID> ids) {
        List<UUID> known = ids.stream().filter(Objects::nonNull).toList();
        return byIds(known)
                .map(found -> ids.stream()
                        .map(id -> id == null ? null : found.get(id))
                        .collect(Collectors.toList()));
    }
}
