package com.stack.sandbox.kyc.api;

import java.util.List;
import java.util.Map;

import com.stack.sandbox.kyc.app.Applicants;
import com.stack.sandbox.kyc.domain.ApplicantStatus;
import com.stack.sandbox.kyc.domain.Callback;
import com.stack.sandbox.kyc.domain.DeliveryAttempt;
import com.stack.sandbox.kyc.domain.KycException;
import com.stack.sandbox.kyc.domain.Verdict;
import com.stack.sandbox.partners.ControlError;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebInputException;

/**
 * The sandbox's control API for the KYC emulation (no real provider has it): decide an applicant in
 * review, redeliver the last callback, see every delivery attempt.
 */
@RestController
@RequestMapping(path = "/sandbox/kyc/applicants/{applicantId}", produces = MediaType.APPLICATION_JSON_VALUE)
public class KycSandboxController {

    private final Applicants applicants;

    public KycSandboxController(Applicants applicants) {
        this.applicants = applicants;
    }

    /** @param reasons optional */
    public record DecisionRequest(String decision, List<String> reasons) {}

    public record Sent(String applicantId, String eventId) {

        static Sent of(Callback callback) {
            return new Sent(callback.applicantId(), callback.eventId());
        }
    }

    @PostMapping(path = "/decision", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Sent> decide(@PathVariable String applicantId, @RequestBody DecisionRequest request) {
        ApplicantStatus status = ApplicantStatus.fromWireName(request.decision())
                .filter(decision -> decision == ApplicantStatus.APPROVED || decision == ApplicantStatus.REJECTED)
                .orElseThrow(() -> KycException.invalid("decision", "decision must be approved or rejected"));
        List<String> reasons = request.reasons() == null ? List.of() : request.reasons();
        if (reasons.stream().anyMatch(reason -> reason == null || reason.isBlank())) {
            throw KycException.invalid("reasons", "reasons must be non-empty strings");
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(Sent.of(applicants.decide(applicantId, new Verdict(status, reasons))));
    }

    @PostMapping("/redeliver")
    public ResponseEntity<Sent> redeliver(@PathVariable String applicantId) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Sent.of(applicants.redeliver(applicantId)));
    }

    @GetMapping("/deliveries")
    public Map<String, List<DeliveryAttempt>> deliveries(@PathVariable String applicantId) {
        return Map.of("deliveries", applicants.deliveries(applicantId));
    }

    @ExceptionHandler(KycException.class)
    public ResponseEntity<ControlError> refused(KycException e) {
        return ResponseEntity.status(e.httpStatus())
                .body(new ControlError(
                        e.body().error(), e.body().message(), e.body().field()));
    }

    @ExceptionHandler(ServerWebInputException.class)
    public ResponseEntity<ControlError> unreadable(ServerWebInputException e) {
        return ResponseEntity.badRequest()
                .body(ControlError.invalid(
                        null, "the body must be {\"decision\": \"approved|rejected\", \"reasons\": [...]}"));
    }
}
