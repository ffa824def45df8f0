package com.stack.onboarding.notification.adapters;

import java.time.Duration;
import java.util.UUID;

import com.stack.onboarding.notification.app.PushDeliveryStore;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The push deliveries of recorded notifications ({@code push_deliveries}) and their outcome per device ({@code push_sends}). */
@Repository
public class PushDeliveryRepository implements PushDeliveryStore {

    /**
     * Claims deliveries due for an attempt: pending, their backoff passed, not claimed by a live lease. SKIP LOCKED
     * lets instances claim side by side; the lease keeps a delivery to its instance while it sends, and lapses if
     * that instance dies, so another one takes over.
     */
    private static final String CLAIM_DUE = "UPDATE push_deliveries p SET attempts = p.attempts + 1,"
            + " claimed_until = now() + make_interval(secs => :lease)"
            + " FROM notifications n"
            + " WHERE n.id = p.notification_id AND p.notification_id IN (SELECT c.notification_id FROM push_deliveries c"
            + " WHERE c.status = 'pending' AND c.next_attempt_at <= now() AND (c.claimed_until IS NULL OR c.claimed_until < now())"
            + " ORDER BY c.next_attempt_at LIMIT :batch FOR UPDATE SKIP LOCKED)"
            + " RETURNING p.notification_id, p.user_id, p.attempts, n.kind, n.title, n.body";

    private final DatabaseClient db;

    public PushDeliveryRepository(DatabaseClient db) {
        this.db = db;
    }

    /** A pending delivery of the notification, due now; nothing when it has one. Runs in the notification's transaction. */
    @Override
    public Mono<Void> insertPending(UUID notificationId, UUID userId) {
        return db.sql("INSERT INTO push_deliveries (notification_id, user_id) VALUES (:notification, :user)"
                        + " ON CONFLICT (notification_id) DO NOTHING")
                .bind("notification", notificationId)
                .bind("user", userId)
                .fetch()
                .rowsUpdated()
                .then();
    }

    @Override
    public Flux<Claim> claimDue(Duration lease, int batch) {
        return db.sql(CLAIM_DUE)
                .bind("lease", lease.toMillis() / 1000.0)
                .bind("batch", batch)
                .map(row -> new Claim(
                        row.get("notification_id", UUID.class),
                        row.get("user_id", UUID.class),
                        row.get("attempts", Integer.class),
                        row.get("kind", String.class),
                        row.get("title", String.class),
                        row.get("body", String.class)))
                .all();
    }

    @Override
    public Mono<Void> markDone(UUID notificationId) {
        return finish(notificationId, "done", null);
    }

    /** Gives up on the delivery after its last attempt, with the reason kept for operators. */
    @Override
    public Mono<Void> markFailed(UUID notificationId, String error) {
        return finish(notificationId, "failed", error);
    }

    /** Releases a failed claim: the delivery is due again after {@code delay}. */
    @Override
    public Mono<Void> retryLater(UUID notificationId, String error, Duration delay) {
        return db.sql(
                        "UPDATE push_deliveries SET claimed_until = NULL, last_error = :error,"
                                + " next_attempt_at = now() + make_interval(secs => :delay) WHERE notification_id = :id AND status = 'pending'")
                .bind("id", notificationId)
                .bind("error", error)
                .bind("delay", delay.toMillis() / 1000.0)
                .fetch()
                .rowsUpdated()
                .then();
    }

    /**
     * Records what became of the push to one device.
     *
     * @param status "sent", "unregistered" or "failed"
     */
    public Mono<Void> recordSend(
            UUID notificationId, String token, String channel, String status, String messageName, String reason) {
        return db.sql("INSERT INTO push_sends (notification_id, token, channel, status, message_name, reason)"
                        + " VALUES (:notification, :token, :channel, :status, NULLIF(:name, ''), NULLIF(:reason, ''))"
                        + " ON CONFLICT (notification_id, token) DO UPDATE SET channel = EXCLUDED.channel,"
                        + " status = EXCLUDED.status, message_name = EXCLUDED.message_name, reason = EXCLUDED.reason,"
                        + " attempts = push_sends.attempts + 1, updated_at = now()")
                .bind("notification", notificationId)
                .bind("token", token)
                .bind("channel", channel)
                .bind("status", status)
                .bind("name", messageName == null ? "" : messageName)
                .bind("reason", reason == null ? "" : reason)
                .fetch()
                .rowsUpdated()
                .then();
    }

    private Mono<Void> finish(UUID notificationId, String status, String error) {
        return db.sql(
                        "UPDATE push_deliveries SET status = :status, claimed_until = NULL, completed_at = now(),"
                                + " last_error = COALESCE(NULLIF(:error, ''), last_error) WHERE notification_id = :id AND status = 'pending'")
                .bind("id", notificationId)
                .bind("status", status)
                .bind("error", error == null ? "" : error)
                .fetch()
                .rowsUpdated()
                .then();
    }
}
