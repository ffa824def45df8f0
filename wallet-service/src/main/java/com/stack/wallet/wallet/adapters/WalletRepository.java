package com.stack.wallet.wallet.adapters;

import java.time.Duration;
import java.util.UUID;

import com.stack.wallet.wallet.app.WalletStore;
import com.stack.wallet.wallet.app.WalletStore.Claim;
import com.stack.wallet.wallet.domain.Chain;
import com.stack.wallet.wallet.domain.Wallet;
import com.stack.wallet.wallet.domain.WalletStatus;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
public class WalletRepository implements WalletStore {

    private static final String COLUMNS = "id, user_id, chain, address, circle_wallet_id, status";

    /**
     * Claims wallets due for a provisioning attempt: still creating, their backoff passed, not claimed by a
     * live lease. SKIP LOCKED lets instances claim side by side without waiting on each other; the lease
     * (claimed_until) keeps a claimed wallet to its instance while the custodian is called, and lapses if
     * that instance dies, so another one takes over.
     */
    private static final String CLAIM_DUE = "UPDATE wallets w SET attempts = w.attempts + 1,"
            + " claimed_until = now() + make_interval(secs => :lease)"
            + " WHERE w.id IN (SELECT c.id FROM wallets c WHERE c.status = 'creating' AND c.next_attempt_at <= now()"
            + " AND (c.claimed_until IS NULL OR c.claimed_until < now())"
            + " ORDER BY c.next_attempt_at LIMIT :batch FOR UPDATE SKIP LOCKED)"
            + " RETURNING w.id, w.user_id, w.chain, w.address, w.circle_wallet_id, w.status, w.attempts";

    private final DatabaseClient db;

    public WalletRepository(DatabaseClient db) {
        this.db = db;
    }

    /** The user's wallets, ordered by chain. */
    @Override
    public Flux<Wallet> findByUser(UUID userId) {
        return db.sql("SELECT " + COLUMNS + " FROM wallets WHERE user_id = :user ORDER BY chain")
                .bind("user", userId)
                .map(WalletRepository::wallet)
                .all();
    }

    @Override
    public Mono<Wallet> findByUserAndChain(UUID userId, Chain chain) {
        return db.sql("SELECT " + COLUMNS + " FROM wallets WHERE user_id = :user AND chain = :chain")
                .bind("user", userId)
                .bind("chain", chain.column())
                .map(WalletRepository::wallet)
                .one();
    }

    /** Inserts a wallet being created, due for provisioning now; true if new, false if the user had one on the chain. */
    @Override
    public Mono<Boolean> insertIfAbsent(Wallet creating) {
        return db.sql("INSERT INTO wallets (id, user_id, chain, status) VALUES (:id, :user, :chain, :status)"
                        + " ON CONFLICT (user_id, chain) DO NOTHING")
                .bind("id", creating.id())
                .bind("user", creating.userId())
                .bind("chain", creating.chain().column())
                .bind("status", creating.status().column())
                .fetch()
                .rowsUpdated()
                .map(rows -> rows > 0);
    }

    /** Claims up to {@code batch} wallets due for provisioning for {@code lease}; see {@link #CLAIM_DUE}. */
    @Override
    public Flux<Claim> claimDue(Duration lease, int batch) {
        return db.sql(CLAIM_DUE)
                .bind("lease", lease.toMillis() / 1000.0)
                .bind("batch", batch)
                .map(row -> new Claim(wallet(row), row.get("attempts", Integer.class)))
                .all();
    }

    /** Records the custodian's wallet and makes it active, if it is still being created; true if it was. */
    @Override
    public Mono<Boolean> activate(Wallet active) {
        return db.sql("UPDATE wallets SET address = :address, circle_wallet_id = :circleWalletId, status = :status,"
                        + " claimed_until = NULL, last_error = NULL WHERE id = :id AND status = 'creating'")
                .bind("id", active.id())
                .bind("address", active.address())
                .bind("circleWalletId", active.circleWalletId())
                .bind("status", active.status().column())
                .fetch()
                .rowsUpdated()
                .map(rows -> rows > 0);
    }

    /** Releases a failed claim: the wallet is due again after {@code delay}, with the failure kept for operators. */
    @Override
    public Mono<Void> retryLater(UUID walletId, String error, Duration delay) {
        return db.sql(
                        "UPDATE wallets SET claimed_until = NULL, last_error = :error,"
                                + " next_attempt_at = now() + make_interval(secs => :delay) WHERE id = :id AND status = 'creating'")
                .bind("id", walletId)
                .bind("error", error)
                .bind("delay", delay.toMillis() / 1000.0)
                .fetch()
                .rowsUpdated()
                .then();
    }

    private static Wallet wallet(Readable row) {
        return new Wallet(
                row.get("id", UUID.class),
                row.get("user_id", UUID.class),
                Chain.fromColumn(row.get("chain", String.class)),
                row.get("address", String.class),
                row.get("circle_wallet_id", String.class),
                WalletStatus.fromColumn(row.get("status", String.class)));
    }
}
