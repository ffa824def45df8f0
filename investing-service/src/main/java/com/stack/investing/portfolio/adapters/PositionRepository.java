package com.stack.investing.portfolio.adapters;

import java.math.BigDecimal;
import java.util.UUID;

import com.stack.investing.portfolio.app.Positions;
import com.stack.investing.portfolio.domain.Holding;
import com.stack.investing.shared.domain.AssetType;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** What the users hold ({@code positions}), from the fills applied. */
@Repository
public class PositionRepository implements Positions {

    private static final String COLUMNS = "symbol, asset_type, quantity, cost_basis_usd, realized_pnl_usd";

    private final DatabaseClient db;

    public PositionRepository(DatabaseClient db) {
        this.db = db;
    }

    @Override
    public Flux<Holding> findForUser(UUID userId) {
        return db.sql("SELECT " + COLUMNS + " FROM positions WHERE user_id = :user ORDER BY symbol")
                .bind("user", userId)
                .map(PositionRepository::holding)
                .all();
    }

    @Override
    public Mono<Holding> find(UUID userId, String symbol) {
        return db.sql("SELECT " + COLUMNS + " FROM positions WHERE user_id = :user AND symbol = :symbol")
                .bind("user", userId)
                .bind("symbol", symbol)
                .map(PositionRepository::holding)
                .one();
    }

    /**
     * Locks the user's holding of {@code symbol} for the current transaction, creating it empty when there is none:
     * a lock on a row that does not exist yet would lock nothing, and two first fills of one symbol at once would
     * each write their own quantity over the other's. The empty row never commits as it is: the caller saves the
     * holding after its fill (or deletes it, when it is empty).
     */
    @Override
    public Mono<Holding> lock(UUID userId, String symbol, AssetType assetType) {
        return db.sql("INSERT INTO positions (user_id, symbol, asset_type, quantity, cost_basis_usd, realized_pnl_usd)"
                        + " VALUES (:user, :symbol, :type, 0, 0, 0) ON CONFLICT (user_id, symbol) DO NOTHING")
                .bind("user", userId)
                .bind("symbol", symbol)
                .bind("type", assetType.column())
                .fetch()
                .rowsUpdated()
                .then(db.sql("SELECT " + COLUMNS
                                + " FROM positions WHERE user_id = :user AND symbol = :symbol FOR UPDATE")
                        .bind("user", userId)
                        .bind("symbol", symbol)
                        .map(PositionRepository::holding)
                        .one());
    }

    /** Writes the holding; one of nothing is deleted. */
    @Override
    public Mono<Void> save(UUID userId, Holding holding) {
        if (holding.isEmpty()) {
            return db.sql("DELETE FROM positions WHERE user_id = :user AND symbol = :symbol")
                    .bind("user", userId)
                    .bind("symbol", holding.symbol())
                    .fetch()
                    .rowsUpdated()
                    .then();
        }
        return db.sql("INSERT INTO positions (user_id, symbol, asset_type, quantity, cost_basis_usd, realized_pnl_usd)"
                        + " VALUES (:user, :symbol, :type, :quantity, :cost, :pnl) ON CONFLICT (user_id, symbol) DO UPDATE"
                        + " SET quantity = EXCLUDED.quantity, cost_basis_usd = EXCLUDED.cost_basis_usd,"
                        + " realized_pnl_usd = EXCLUDED.realized_pnl_usd, updated_at = now()")
                .bind("user", userId)
                .bind("symbol", holding.symbol())
                .bind("type", holding.assetType().column())
                .bind("quantity", holding.quantity())
                .bind("cost", holding.costBasisUsd().setScale(Holding.COST_SCALE, java.math.RoundingMode.HALF_EVEN))
                .bind("pnl", holding.realizedPnlUsd().setScale(Holding.COST_SCALE, java.math.RoundingMode.HALF_EVEN))
                .fetch()
                .rowsUpdated()
                .then();
    }

    private static Holding holding(Readable row) {
        return new Holding(
                row.get("symbol", String.class),
                AssetType.fromColumn(row.get("asset_type", String.class)),
                row.get("quantity", BigDecimal.class),
                row.get("cost_basis_usd", BigDecimal.class),
                row.get("realized_pnl_usd", BigDecimal.class));
    }
}
