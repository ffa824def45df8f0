package com.stack.investing.basket.adapters;

import java.util.Collection;
import java.util.UUID;

import com.stack.investing.basket.app.Baskets;
import com.stack.investing.basket.domain.Basket;
import com.stack.investing.basket.domain.RiskLevel;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
public class BasketRepository implements Baskets {

    private static final String COLUMNS =
            "id, name, description, risk_level, composition_json::text AS composition_json, is_active";

    private final DatabaseClient db;

    public BasketRepository(DatabaseClient db) {
        this.db = db;
    }

    /** The active catalogue, from the most conservative basket to the most growth-oriented, then by name. */
    @Override
    public Flux<Basket> findActive() {
        return db.sql(
                        "SELECT " + COLUMNS + " FROM baskets WHERE is_active"
                                + " ORDER BY array_position(ARRAY['conservative', 'balanced', 'growth']::varchar[], risk_level), name, id")
                .map(BasketRepository::basket)
                .all();
    }

    @Override
    public Mono<Basket> findById(UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM baskets WHERE id = :id")
                .bind("id", id)
                .map(BasketRepository::basket)
                .one();
    }

    @Override
    public Flux<Basket> findAllById(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Flux.empty();
        }
        return db.sql("SELECT " + COLUMNS + " FROM baskets WHERE id = ANY(:ids)")
                .bind("ids", ids.toArray(UUID[]::new))
                .map(BasketRepository::basket)
                .all();
    }

    private static Basket basket(Readable row) {
        return new Basket(
                row.get("id", UUID.class),
                row.get("name", String.class),
                row.get("description", String.class),
                RiskLevel.fromColumn(row.get("risk_level", String.class)),
                CompositionJson.parse(row.get("composition_json", String.class)),
                Boolean.TRUE.equals(row.get("is_active", Boolean.class)));
    }
}
