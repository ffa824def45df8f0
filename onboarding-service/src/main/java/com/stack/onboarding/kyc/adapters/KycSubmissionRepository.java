package com.stack.onboarding.kyc.adapters;

import java.util.List;
import java.util.UUID;

import com.stack.onboarding.kyc.app.KycSubmissions;
import com.stack.onboarding.kyc.domain.KycDecision;
import com.stack.onboarding.kyc.domain.KycSubmission;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** The user's submissions to the KYC provider ({@code kyc_submissions}); no document number is stored. */
@Repository
public class KycSubmissionRepository implements KycSubmissions {

    private final DatabaseClient db;

    public KycSubmissionRepository(DatabaseClient db) {
        this.db = db;
    }

    /** How many times the user has submitted, which is also the number of their latest attempt (0 if none). */
    @Override
    public Mono<Integer> attemptsUsed(UUID userId) {
        return db.sql("SELECT COALESCE(MAX(attempt), 0) AS attempts FROM kyc_submissions WHERE user_id = :user")
                .bind("user", userId)
                .map(row -> row.get("attempts", Integer.class))
                .one();
    }

    @Override
    public Mono<Void> insert(UUID id, UUID userId, int attempt, String applicantId, String country) {
        return db.sql("INSERT INTO kyc_submissions (id, user_id, attempt, applicant_id, country)"
                        + " VALUES (:id, :user, :attempt, :applicant, :country)")
                .bind("id", id)
                .bind("user", userId)
                .bind("attempt", attempt)
                .bind("applicant", applicantId)
                .bind("country", country)
                .fetch()
                .rowsUpdated()
                .then();
    }

    @Override
    public Mono<KycSubmission> findByApplicant(String applicantId) {
        return db.sql("SELECT id, user_id, attempt, applicant_id, decided_at IS NOT NULL AS decided, country "
                        + "FROM kyc_submissions WHERE applicant_id = :applicant")
                .bind("applicant", applicantId)
                .map(row -> new KycSubmission(
                        row.get("id", UUID.class),
                        row.get("user_id", UUID.class),
                        row.get("attempt", Integer.class),
                        row.get("applicant_id", String.class),
                        Boolean.TRUE.equals(row.get("decided", Boolean.class)),
                        row.get("country", String.class)))
                .one();
    }

    /** The provider's latest word on the submission; decided_at is set by a final decision only. */
    @Override
    public Mono<Void> recordDecision(UUID id, KycDecision decision, List<String> reasons) {
        return db.sql("UPDATE kyc_submissions SET status = :status, reasons = :reasons, "
                        + "decided_at = CASE WHEN :final THEN CURRENT_TIMESTAMP ELSE NULL END WHERE id = :id")
                .bind("id", id)
                .bind("status", decision.wireName())
                .bind("reasons", reasons.toArray(String[]::new))
                .bind("final", decision.isFinal())
                .fetch()
                .rowsUpdated()
                .then();
    }
}
