package com.stack.sandbox.kyc.api;

import com.stack.sandbox.kyc.app.Applicants;
import com.stack.sandbox.kyc.domain.KycError;
import com.stack.sandbox.kyc.domain.KycException;
import com.stack.sandbox.partners.IdempotencyStore.Outcome;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebInputException;

/**
 * The KYC provider's API under {@value #BASE_PATH}: submit an applicant, read it back. The API key
 * is checked before a request gets here ({@code ApiKeyFilter}); the decision arrives later as a
 * signed callback.
 */
@RestController
@RequestMapping(
        path = KycApplicantsController.BASE_PATH + "/v1/applicants",
        produces = MediaType.APPLICATION_JSON_VALUE)
public class KycApplicantsController {

    public static final String BASE_PATH = "/kyc";
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final int MAX_IDEMPOTENCY_KEY_LENGTH = 128;

    private final Applicants applicants;

    public KycApplicantsController(Applicants applicants) {
        this.applicants = applicants;
    }

    /** 201 for a new applicant; 200 and the same applicant for the same key and body again. */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<ApplicantView> apply(
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
            @RequestBody ApplicantRequest request) {
        if (idempotencyKey == null
                || idempotencyKey.isBlank()
                || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY_LENGTH) {
            throw KycException.invalid(
                    IDEMPOTENCY_KEY,
                    "The Idempotency-Key header is required, at most " + MAX_IDEMPOTENCY_KEY_LENGTH + " characters");
        }
        var outcome = applicants.apply(idempotencyKey, request.validated());
        HttpStatus status = outcome.kind() == Outcome.Kind.CREATED ? HttpStatus.CREATED : HttpStatus.OK;
        return ResponseEntity.status(status).body(ApplicantView.of(outcome.value()));
    }

    @GetMapping("/{applicantId}")
    public ApplicantView applicant(@PathVariable String applicantId) {
        return applicants
                .applicant(applicantId)
                .map(ApplicantView::of)
                .orElseThrow(() -> KycException.applicantNotFound(applicantId));
    }

    @ExceptionHandler(KycException.class)
    public ResponseEntity<KycError> refused(KycException e) {
        return ResponseEntity.status(e.httpStatus())
                .contentType(MediaType.APPLICATION_JSON)
                .body(e.body());
    }

    /** A missing body, a body that is not JSON, or a field of the wrong type. */
    @ExceptionHandler(ServerWebInputException.class)
    public ResponseEntity<KycError> unreadable(ServerWebInputException e) {
        return ResponseEntity.badRequest()
                .contentType(MediaType.APPLICATION_JSON)
                .body(new KycError("invalid_request", "The body must be a JSON object of string fields", null));
    }
}
