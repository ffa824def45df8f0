package com.stack.defaults.graphql;

import java.time.ZoneOffset;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;

import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Keyset pagination of one user's rows, newest first by {@code (created_at DESC, id DESC)}: the
 * client's {@code first} and {@code after} turned into a {@link Connection}, and the query that
 * fetches such a page.
 */
public final class KeysetPages {

    private KeysetPages() {}

    /**
     * A page for a client's {@code first} and {@code after}, both validated (BAD_USER_INPUT when the
     * size is out of range or the cursor is not one of ours). {@code fetch} is given the decoded
     * cursor ({@code null}: from the newest) and a limit of one row more than asked, which tells
     * whether there is a next page without a second query.
     */
    public static <T> Mono<Connection<T>> page(
            Integer first,
            String after,
            BiFunction<KeysetCursor, Integer, Flux<T>> fetch,
            Function<T, KeysetCursor> cursorOf) {
        return Mono.defer(() -> {
            int size = KeysetCursor.pageSize(first);
            KeysetCursor cursor = KeysetCursor.decode(after);
            return fetch.apply(cursor, size + 1)
                    .collectList()
                    .map(rows ->
                            Connection.of(rows, size, row -> cursorOf.apply(row).encode()));
        });
    }

    /**
     * Up to {@code limit} of the user's rows of {@code table}, newest first, strictly after the
     * cursor's row (from the newest when the cursor is null). {@code table} and {@code columns} are
     * the repository's own constants, never client input; the table has {@code user_id},
     * {@code created_at} and {@code id}, and an index on {@code (user_id, created_at DESC, id DESC)}
     * serves the query.
     */
    public static <T> Flux<T> userRows(
            DatabaseClient db,
            String table,
            String columns,
            UUID userId,
            KeysetCursor after,
            int limit,
            Function<? super Readable, T> mapper) {
        var spec = db.sql("SELECT " + columns + " FROM " + table + " WHERE user_id = :user"
                        + (after == null ? "" : " AND (created_at, id) < (:afterCreatedAt, :afterId)")
                        + " ORDER BY created_at DESC, id DESC LIMIT :limit")
                .bind("user", userId)
                .bind("limit", limit);
        if (after != null) {
            spec = spec.bind("afterCreatedAt", after.createdAt().atOffset(ZoneOffset.UTC))
                    .bind("afterId", after.id());
        }
        return spec.map(mapper).all();
    }
}
