package com.stack.investing.adapters;

import java.math.BigDecimal;
import java.util.UUID;

import com.stack.investing.domain.Position;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;

/** The brokerage's positions as last cached. */
@Repository
public class PositionRepository {

    private final DatabaseClient db;

    public PositionRepository(DatabaseClient db) {
        this.db = db;
    }

    /** The user's positions, largest holding first. */
    public Flux<Position> findForUser(UUID userId) {
        return db.sql("SELECT symbol, quantity, average_price, market_value FROM positions_cache WHERE user_id = :user"
                        + " ORDER BY market_value DESC, symbol, asset_type")
                .bind("user", userId)
                .map(row -> new Position(row.get("symbol", String.class), row.get("quantity", BigDecimal.class),
                        row.get("average_price", BigDecimal.class), row.get("market_value", BigDecimal.class)))
                .all();
    }
}
