package com.stack.sandbox.due.api;

import com.stack.sandbox.due.app.Quotes;
import com.stack.sandbox.due.app.Transfers;
import com.stack.sandbox.due.domain.DueException;
import com.stack.sandbox.due.domain.Quote;
import com.stack.sandbox.due.domain.Transfer;
import com.stack.sandbox.partners.IdempotencyStore.Outcome;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Due's transfers under {@value DueApi#BASE_PATH}: quote, transfer, read back. Credentials are checked
 * before a request gets here ({@code ApiKeyFilter}); request faults apply like to any Due path.
 */
@RestController
@RequestMapping(path = DueApi.BASE_PATH + "/v1/transfers", produces = MediaType.APPLICATION_JSON_VALUE)
public class DueTransfersController {

    private final Quotes quotes;
    private final Transfers transfers;

    public DueTransfersController(Quotes quotes, Transfers transfers) {
        this.quotes = quotes;
        this.transfers = transfers;
    }

    @PostMapping(path = "/quote", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Quote quote(@RequestBody QuoteRequest request) {
        return quotes.quote(request.validated());
    }

    /** 201 for a new transfer; 200 and the transfer as it is now for the same key and body again. */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Transfer> create(
            @RequestHeader(name = DueApi.IDEMPOTENCY_KEY, required = false) String idempotencyKey,
            @RequestBody TransferRequest request) {
        if (idempotencyKey != null
                && (idempotencyKey.isBlank() || idempotencyKey.length() > DueApi.MAX_IDEMPOTENCY_KEY_LENGTH)) {
            throw DueException.invalid(
                    DueApi.IDEMPOTENCY_KEY,
                    "The Idempotency-Key header must be 1 to " + DueApi.MAX_IDEMPOTENCY_KEY_LENGTH + " characters");
        }
        Outcome<Transfer> outcome = transfers.create(idempotencyKey, request.validated());
        return ResponseEntity.status(outcome.kind() == Outcome.Kind.CREATED ? HttpStatus.CREATED : HttpStatus.OK)
                .body(outcome.value());
    }

    @GetMapping("/{id}")
    public Transfer transfer(@PathVariable String id) {
        return transfers.transfer(id).orElseThrow(() -> DueException.notFound("No transfer " + id));
    }
}
