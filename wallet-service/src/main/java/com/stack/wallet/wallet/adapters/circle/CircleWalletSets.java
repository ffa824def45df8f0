package com.stack.wallet.wallet.adapters.circle;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * The wallet set user wallets are created in. A configured id ({@code stack.circle.wallet-set-id}) is used
 * as is; otherwise the set named {@code stack.circle.wallet-set-name} is created on first use with an
 * idempotency key derived from the name (so every instance, and every retry, gets the same set) and its id
 * is kept in {@code circle_wallet_sets}.
 */
public class CircleWalletSets {

    private final CircleWalletClient circle;
    private final DatabaseClient db;
    private final String name;
    private final String configuredId;
    private final AtomicReference<String> known = new AtomicReference<>();

    public CircleWalletSets(CircleWalletClient circle, DatabaseClient db, CircleProperties properties) {
        this.circle = circle;
        this.db = db;
        this.name = properties.walletSetName();
        this.configuredId =
                properties.walletSetId() == null || properties.walletSetId().isBlank()
                        ? null
                        : properties.walletSetId();
    }

    /** The wallet set's id: configured, remembered, stored, or created now. */
    public Mono<String> walletSetId() {
        if (configuredId != null) {
            return Mono.just(configuredId);
        }
        String remembered = known.get();
        if (remembered != null) {
            return Mono.just(remembered);
        }
        return stored().switchIfEmpty(Mono.defer(
                        () -> circle.createWalletSet(idempotencyKey(name), name).flatMap(this::store)))
                .doOnNext(known::set);
    }

    /**
     * Forgets a wallet set Circle no longer knows (its sandbox was reset, say), so the next use creates it
     * again; a configured id is an operator's decision and stays.
     */
    public Mono<Void> forget(String walletSetId) {
        if (configuredId != null) {
            return Mono.empty();
        }
        known.compareAndSet(walletSetId, null);
        return db.sql("DELETE FROM circle_wallet_sets WHERE name = :name AND wallet_set_id = :id")
                .bind("name", name)
                .bind("id", walletSetId)
                .fetch()
                .rowsUpdated()
                .then();
    }

    /** The key Circle deduplicates the wallet set's creation by: the same for the same name, always. */
    static UUID idempotencyKey(String walletSetName) {
        return UUID.nameUUIDFromBytes(("stack:circle:wallet-set:" + walletSetName).getBytes(StandardCharsets.UTF_8));
    }

    private Mono<String> stored() {
        return db.sql("SELECT wallet_set_id FROM circle_wallet_sets WHERE name = :name")
                .bind("name", name)
                .map(row -> row.get("wallet_set_id", String.class))
                .one();
    }

    /** Keeps the id; when another instance stored one first, that one wins (Circle gave both the same anyway). */
    private Mono<String> store(String walletSetId) {
        return db.sql(
                        "INSERT INTO circle_wallet_sets (name, wallet_set_id) VALUES (:name, :id) ON CONFLICT (name) DO NOTHING")
                .bind("name", name)
                .bind("id", walletSetId)
                .fetch()
                .rowsUpdated()
                .then(stored());
    }
}
