package com.stack.wallet.adapters;

import java.util.UUID;

import com.stack.wallet.domain.Chain;
import com.stack.wallet.domain.Wallet;
import com.stack.wallet.domain.WalletStatus;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
public class WalletRepository {

    private static final String COLUMNS = "id, user_id, chain, address, status";

    private final DatabaseClient db;

    public WalletRepository(DatabaseClient db) {
        this.db = db;
    }

    /** The user's wallets, ordered by chain. */
    public Flux<Wallet> findByUser(UUID userId) {
        return db.sql("SELECT " + COLUMNS + " FROM wallets WHERE user_id = :user ORDER BY chain")
                .bind("user", userId)
                .map(WalletRepository::wallet)
                .all();
    }

    public Mono<Wallet> findByUserAndChain(UUID userId, Chain chain) {
        return db.sql("SELECT " + COLUMNS + " FROM wallets WHERE user_id = :user AND chain = :chain")
                .bind("user", userId)
                .bind("chain", chain.column())
                .map(WalletRepository::wallet)
                .one();
    }

    private static Wallet wallet(Readable row) {
        return new Wallet(row.get("id", UUID.class), row.get("user_id", UUID.class),
                Chain.fromColumn(row.get("chain", String.class)), row.get("address", String.class),
                WalletStatus.fromColumn(row.get("status", String.class)));
    }
}
