package com.stack.sandbox.kyc.app;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import com.stack.sandbox.kyc.domain.Applicant;
import com.stack.sandbox.kyc.domain.ApplicantStatus;
import com.stack.sandbox.kyc.domain.Callback;
import com.stack.sandbox.kyc.domain.CallbackSignature;
import com.stack.sandbox.kyc.domain.DeliveryAttempt;
import com.stack.sandbox.kyc.domain.KycException;
import com.stack.sandbox.kyc.domain.NewApplicant;
import com.stack.sandbox.kyc.domain.Verdict;
import com.stack.sandbox.partners.BackgroundTasks;
import com.stack.sandbox.partners.IdempotencyStore;
import com.stack.sandbox.partners.IdempotencyStore.Outcome;
import com.stack.sandbox.partners.SandboxIds;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The KYC provider's applicants, in memory. An application is decided automatically after the
 * configured delay (by the documented test inputs) and the decision is delivered as a signed
 * callback; an applicant in review waits for an operator's decision through the control API.
 */
public class Applicants {

    private final ConcurrentHashMap<String, Applicant> applicants = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Queue<DeliveryAttempt>> deliveries = new ConcurrentHashMap<>();
    private final IdempotencyStore<NewApplicant, String> keys = new IdempotencyStore<>();
    private final KycSandboxProperties properties;
    private final CallbackDelivery sender;
    private final BackgroundTasks background;
    private final JsonMapper json;
    private final Clock clock;

    public Applicants(
            KycSandboxProperties properties,
            CallbackDelivery sender,
            BackgroundTasks background,
            JsonMapper json,
            Clock clock) {
        this.properties = properties;
        this.sender = sender;
        this.background = background;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Registers the applicant and schedules its decision; the same key and request again return the
     * same applicant as it is now.
     *
     * @throws KycException 422 when the key was used for a different request
     */
    public Outcome<Applicant> apply(String idempotencyKey, NewApplicant request) {
        Outcome<String> outcome = keys.execute(idempotencyKey, request, () -> {
            String applicantId = SandboxIds.prefixed("kyc_app_");
            applicants.put(applicantId, Applicant.pending(applicantId, request, now()));
            return applicantId;
        });
        if (outcome.kind() == Outcome.Kind.CONFLICT) {
            throw KycException.idempotencyKeyReused();
        }
        if (outcome.kind() == Outcome.Kind.CREATED) {
            background.submit(Mono.delay(properties.decisionDelay())
                    .then(Mono.defer(() -> decideAutomatically(outcome.value()))));
        }
        return new Outcome<>(outcome.kind(), applicants.get(outcome.value()));
    }

    public Optional<Applicant> applicant(String applicantId) {
        return Optional.ofNullable(applicants.get(applicantId));
    }

    /**
     * An operator's decision on an applicant in review, delivered as a new callback.
     *
     * @param verdict approved or rejected
     * @return the callback, on its way
     * @throws KycException 404 for an unknown applicant, 409 when it is not in review
     */
    public Callback decide(String applicantId, Verdict verdict) {
        Applicant decided = applicants.compute(applicantId, (id, applicant) -> {
            if (applicant == null) {
                throw KycException.applicantNotFound(applicantId);
            }
            if (applicant.status() != ApplicantStatus.REVIEW) {
                throw new KycException(
                        409,
                        "not_in_review",
                        "Applicant " + applicantId + " is " + applicant.status().wireName() + ", not in review",
                        null);
            }
            return decided(applicant, verdict);
        });
        deliver(decided.lastCallback());
        return decided.lastCallback();
    }

    /**
     * Sends the applicant's last callback again, byte for byte, with its event id and signature.
     *
     * @throws KycException 404 for an unknown applicant, 409 when nothing was sent yet
     */
    public Callback redeliver(String applicantId) {
        Applicant applicant = applicant(applicantId).orElseThrow(() -> KycException.applicantNotFound(applicantId));
        if (applicant.lastCallback() == null) {
            throw new KycException(409, "no_callback_yet", "Applicant " + applicantId + " has no decision yet", null);
        }
        deliver(applicant.lastCallback());
        return applicant.lastCallback();
    }

    /** Every delivery attempt of the applicant's callbacks so far, oldest first. */
    public List<DeliveryAttempt> deliveries(String applicantId) {
        if (applicant(applicantId).isEmpty()) {
            throw KycException.applicantNotFound(applicantId);
        }
        return List.copyOf(deliveries.getOrDefault(applicantId, new ConcurrentLinkedQueue<>()));
    }

    private Mono<Void> decideAutomatically(String applicantId) {
        Applicant decided = applicants.computeIfPresent(
                applicantId,
                (id, applicant) -> applicant.status() == ApplicantStatus.PENDING
                        ? decided(
                                applicant,
                                Verdict.forDocument(applicant.request().documentNumber()))
                        : applicant);
        return decided == null || decided.lastCallback() == null ? Mono.empty() : send(decided.lastCallback());
    }

    private void deliver(Callback callback) {
        background.submit(send(callback));
    }

    private Mono<Void> send(Callback callback) {
        Queue<DeliveryAttempt> log =
                deliveries.computeIfAbsent(callback.applicantId(), id -> new ConcurrentLinkedQueue<>());
        return sender.deliver(callback, log::add);
    }

    /** The applicant with the verdict and the signed callback that announces it. */
    private Applicant decided(Applicant applicant, Verdict verdict) {
        Instant now = now();
        String eventId = SandboxIds.prefixed("kyc_evt_");
        byte[] body = json.writeValueAsBytes(new CallbackBody(
                eventId,
                applicant.applicantId(),
                applicant.request().externalUserId().toString(),
                verdict.status().wireName(),
                verdict.reasons(),
                now));
        String signature = CallbackSignature.header(properties.webhookSecret(), now.getEpochSecond(), body);
        return applicant.decided(
                verdict,
                new Callback(
                        eventId, applicant.applicantId(), applicant.request().callbackUrl(), body, signature));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** The callback's JSON body. */
    record CallbackBody(
            String eventId,
            String applicantId,
            String externalUserId,
            String decision,
            List<String> reasons,
            Instant occurredAt) {}
}
