package com.stack.sandbox.due.api;

import com.stack.sandbox.due.app.Recipients;
import com.stack.sandbox.due.domain.DueException;
import com.stack.sandbox.due.domain.Recipient;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Due's recipients (the bank accounts it pays out to) under {@value DueApi#BASE_PATH}. */
@RestController
@RequestMapping(path = DueApi.BASE_PATH + "/v1/recipients", produces = MediaType.APPLICATION_JSON_VALUE)
public class DueRecipientsController {

    private final Recipients recipients;

    public DueRecipientsController(Recipients recipients) {
        this.recipients = recipients;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Recipient> create(@RequestBody RecipientRequest request) {
        RecipientRequest valid = request.validated();
        return ResponseEntity.status(HttpStatus.CREATED).body(recipients.create(valid.name(), valid.details()));
    }

    @GetMapping("/{id}")
    public Recipient recipient(@PathVariable String id) {
        return recipients.recipient(id).orElseThrow(() -> DueException.notFound("No recipient " + id));
    }
}
