package com.stack.onboarding.notification.adapters;

import java.time.OffsetDateTime;
import java.util.UUID;

import com.stack.onboarding.notification.app.NotificationStore;
import com.stack.onboarding.notification.domain.Notification;
import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
public class NotificationRepository implements NotificationStore {

    private static final String COLUMNS = "id, user_id, kind, title, body, created_at, read";
    private static final int MAX_LISTED = 200;

    private final DatabaseClient db;

    public NotificationRepository(DatabaseClient db) {
        this.db = db;
    }

    @Override
    public Flux<Notification> findForUser(UUID userId, boolean unreadOnly) {
        return db.sql("SELECT " + COLUMNS + " FROM notifications WHERE user_id = :user"
                        + (unreadOnly ? " AND NOT read" : "") + " ORDER BY created_at DESC, id DESC LIMIT "
                        + MAX_LISTED)
                .bind("user", userId)
                .map(NotificationRepository::notification)
                .all();
    }

    /** Inserts the notification unless one with the same id exists: the notification if inserted now, else empty. */
    @Override
    public Mono<Notification> insertOnce(UUID id, UUID userId, String kind, String title, String body) {
        return db.sql(
                        "INSERT INTO notifications (id, user_id, kind, title, body) VALUES (:id, :user, :kind, :title, :body)"
                                + " ON CONFLICT (id) DO NOTHING RETURNING " + COLUMNS)
                .bind("id", id)
                .bind("user", userId)
                .bind("kind", kind)
                .bind("title", title)
                .bind("body", body)
                .map(NotificationRepository::notification)
                .one();
    }

    /** Marks the user's notification read; empty when the user has no such notification. */
    @Override
    public Mono<Notification> markRead(UUID userId, UUID id) {
        return db.sql("UPDATE notifications SET read = TRUE WHERE id = :id AND user_id = :user RETURNING " + COLUMNS)
                .bind("id", id)
                .bind("user", userId)
                .map(NotificationRepository::notification)
                .one();
    }

    private static Notification notification(Readable row) {
        return new Notification(
                row.get("id", UUID.class),
                row.get("user_id", UUID.class),
                row.get("kind", String.class),
                row.get("title", String.class),
                row.get("body", String.class),
                row.get("created_at", OffsetDateTime.class).toInstant(),
                Boolean.TRUE.equals(row.get("read", Boolean.class)));
    }
}
