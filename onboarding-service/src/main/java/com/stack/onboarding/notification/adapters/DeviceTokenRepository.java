package com.stack.onboarding.notification.adapters;

import java.util.UUID;

import com.stack.onboarding.notification.app.DeviceTokenStore;
import com.stack.onboarding.notification.domain.DevicePlatform;
import com.stack.onboarding.notification.domain.DeviceToken;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
public class DeviceTokenRepository implements DeviceTokenStore {

    private final DatabaseClient db;

    public DeviceTokenRepository(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Registers the token for the user, moving it from whoever had it; false when the user does not exist
     * (has not signed up).
     */
    @Override
    public Mono<Boolean> register(UUID userId, DeviceToken token, DevicePlatform platform) {
        return db.sql("INSERT INTO device_tokens (token, user_id, platform) SELECT :token, u.id, :platform FROM users u"
                        + " WHERE u.id = :user ON CONFLICT (token) DO UPDATE SET user_id = EXCLUDED.user_id,"
                        + " platform = EXCLUDED.platform, registered_at = now()")
                .bind("token", token.value())
                .bind("user", userId)
                .bind("platform", platform.column())
                .fetch()
                .rowsUpdated()
                .map(rows -> rows > 0);
    }

    /** Removes the token if it is the user's; true if it was. */
    @Override
    public Mono<Boolean> remove(UUID userId, String token) {
        return db.sql("DELETE FROM device_tokens WHERE token = :token AND user_id = :user")
                .bind("token", token)
                .bind("user", userId)
                .fetch()
                .rowsUpdated()
                .map(rows -> rows > 0);
    }

    /**
     * The user's tokens that a delivery has not reached yet: neither sent to nor found dead for this notification.
     */
    public Flux<String> unreachedFor(UUID userId, UUID notificationId) {
        return db.sql(
                        "SELECT d.token FROM device_tokens d WHERE d.user_id = :user AND NOT EXISTS (SELECT 1 FROM push_sends s"
                                + " WHERE s.notification_id = :notification AND s.token = d.token AND s.status <> 'failed')"
                                + " ORDER BY d.registered_at, d.token")
                .bind("user", userId)
                .bind("notification", notificationId)
                .map(row -> row.get("token", String.class))
                .all();
    }
}
