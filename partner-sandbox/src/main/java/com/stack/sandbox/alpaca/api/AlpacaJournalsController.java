package com.stack.sandbox.alpaca.api;

import com.stack.sandbox.alpaca.app.Journals;
import com.stack.sandbox.alpaca.domain.AlpacaException;
import com.stack.sandbox.alpaca.domain.Journal;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Alpaca's cash journals under {@value AlpacaApi#BASE_PATH}: move cash between the firm and a user account. */
@RestController
@RequestMapping(path = AlpacaApi.BASE_PATH + "/v1/journals", produces = MediaType.APPLICATION_JSON_VALUE)
public class AlpacaJournalsController {

    private final Journals journals;

    public AlpacaJournalsController(Journals journals) {
        this.journals = journals;
    }

    /** 200 for a new journal and for the same Idempotency-Key and body again (the journal as it is now). */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public Journal create(
            @RequestHeader(name = AlpacaApi.IDEMPOTENCY_KEY, required = false) String idempotencyKey,
            @RequestBody CreateJournalRequest request) {
        return journals.create(checked(idempotencyKey), request.validated()).value();
    }

    @GetMapping("/{id}")
    public Journal journal(@PathVariable String id) {
        return journals.journal(id).orElseThrow(() -> AlpacaException.notFound("journal not found"));
    }

    /** The idempotency key as given, {@code null} when absent; a 422 when blank or longer than Alpaca allows. */
    static String checked(String idempotencyKey) {
        if (idempotencyKey != null
                && (idempotencyKey.isBlank() || idempotencyKey.length() > AlpacaApi.MAX_IDEMPOTENCY_KEY_LENGTH)) {
            throw AlpacaException.unprocessable(
                    "Idempotency-Key must be 1 to " + AlpacaApi.MAX_IDEMPOTENCY_KEY_LENGTH + " characters");
        }
        return idempotencyKey;
    }
}
