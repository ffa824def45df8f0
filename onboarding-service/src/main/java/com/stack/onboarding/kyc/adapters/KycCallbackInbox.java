package com.stack.onboarding.kyc.adapters;

import com.stack.onboarding.kyc.app.AppliedKycCallbacks;
import com.stack.onboarding.kyc.domain.KycDecision;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * The provider's callbacks already applied ({@code kyc_callback_events}), by eventId. Recording one
 * in the transaction of its effect makes a redelivery a no-op.
 */
@Repository
public class KycCallbackInbox implements AppliedKycCallbacks {

    private final DatabaseClient db;

    public KycCallbackInbox(DatabaseClient db) {
        this.db = db;
    }

    /** True if the event is new (and now recorded); false if it was recorded before. */
    @Override
    public Mono<Boolean> recordIfNew(String eventId, String applicantId, KycDecision decision) {
        return db.sql(
                        "INSERT INTO kyc_callback_events (event_id, applicant_id, decision) VALUES (:event, :applicant, :decision) "
                                + "ON CONFLICT (event_id) DO NOTHING")
                .bind("event", eventId)
                .bind("applicant", applicantId)
                .bind("decision", decision.wireName())
                .fetch()
                .rowsUpdated()
                .map(inserted -> inserted == 1);
    }
}
