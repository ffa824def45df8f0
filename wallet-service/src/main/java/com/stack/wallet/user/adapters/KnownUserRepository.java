package com.stack.wallet.user.adapters;

import java.time.Instant;
import java.util.UUID;

import com.stack.wallet.user.app.KnownUsers;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

@Repository
public class KnownUserRepository implements KnownUsers {

    private final DatabaseClient db;

    public KnownUserRepository(DatabaseClient db) {
        this.db = db;
    }

    /** Records the user; true when new, false when already known. */
    @Override
    public Mono<Boolean> recordIfAbsent(UUID userId, String email, Instant registeredAt) {
        var insert = db.sql(
                        "INSERT INTO known_users (user_id, email, registered_at) VALUES (:userId, :email, :registeredAt)"
                                + " ON CONFLICT (user_id) DO NOTHING")
                .bind("userId", userId)
                .bind("registeredAt", registeredAt);
        insert = email == null ? insert.bindNull("email", String.class) : insert.bind("email", email);
        return insert.fetch().rowsUpdated().map(rows -> rows > 0);
    }

    @Override
    public Mono<Boolean> isKnown(UUID userId) {
        return db.sql("SELECT 1 FROM known_users WHERE user_id = :userId")
                .bind("userId", userId)
                .map(row -> true)
                .one()
                .defaultIfEmpty(false);
    }
}
