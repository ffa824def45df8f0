package com.stack.funding.wallet.adapters;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import com.stack.funding.shared.adapters.Bindings;
import com.stack.funding.shared.domain.Chain;
import com.stack.funding.wallet.app.KnownWallets;
import com.stack.funding.wallet.domain.KnownWallet;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** The wallet address book: which user each custody address belongs to. */
@Repository
public class KnownWalletRepository implements KnownWallets {

    private static final String COLUMNS = "wallet_id, user_id, chain, address, created_at, custodian_wallet_id";

    private final DatabaseClient db;

    public KnownWalletRepository(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Records the wallet unless its id or its address is already known. Emits the wallet the address
     * book holds for that address afterwards: this one, or the one recorded before.
     */
    @Override
    public Mono<KnownWallet> record(KnownWallet wallet) {
        var insert = db.sql(
                        "INSERT INTO known_wallets (wallet_id, user_id, chain, address, created_at, custodian_wallet_id)"
                                + " VALUES (:wallet, :user, :chain, :address, :created, :custodian) ON CONFLICT DO NOTHING")
                .bind("wallet", wallet.walletId())
                .bind("user", wallet.userId())
                .bind("chain", wallet.chain().column())
                .bind("address", wallet.address())
                .bind("created", wallet.createdAt().atOffset(ZoneOffset.UTC));
        return Bindings.nullable(insert, "custodian", wallet.custodianWalletId(), String.class)
                .fetch()
                .rowsUpdated()
                .then(findByAddress(wallet.chain(), wallet.address()));
    }

    /** The wallet with that address ({@code address} in its chain's canonical spelling). */
    @Override
    public Mono<KnownWallet> findByAddress(Chain chain, String address) {
        return db.sql("SELECT " + COLUMNS + " FROM known_wallets WHERE chain = :chain AND address = :address")
                .bind("chain", chain.column())
                .bind("address", address)
                .map(KnownWalletRepository::wallet)
                .one();
    }

    /**
     * The user's custody wallet on the chain, the first one announced if there were several (a withdrawal's
     * USDC is on-ramped into it and sent from it).
     */
    @Override
    public Mono<KnownWallet> findForUser(UUID userId, Chain chain) {
        return db.sql("SELECT " + COLUMNS + " FROM known_wallets WHERE user_id = :user AND chain = :chain"
                        + " ORDER BY created_at, wallet_id LIMIT 1")
                .bind("user", userId)
                .bind("chain", chain.column())
                .map(KnownWalletRepository::wallet)
                .one();
    }

    private static KnownWallet wallet(Readable row) {
        return new KnownWallet(
                row.get("wallet_id", UUID.class),
                row.get("user_id", UUID.class),
                Chain.fromColumn(row.get("chain", String.class)),
                row.get("address", String.class),
                row.get("created_at", OffsetDateTime.class).toInstant(),
                row.get("custodian_wallet_id", String.class));
    }
}
