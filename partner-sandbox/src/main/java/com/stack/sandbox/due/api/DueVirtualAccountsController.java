package com.stack.sandbox.due.api;

import java.util.List;

import com.stack.sandbox.due.app.VirtualAccounts;
import com.stack.sandbox.due.domain.DueException;
import com.stack.sandbox.due.domain.VirtualAccount;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Due's virtual accounts under {@value DueApi#BASE_PATH}: create, read by id, list (by reference). */
@RestController
@RequestMapping(path = DueApi.BASE_PATH + "/v1/virtual_accounts", produces = MediaType.APPLICATION_JSON_VALUE)
public class DueVirtualAccountsController {

    private final VirtualAccounts virtualAccounts;

    public DueVirtualAccountsController(VirtualAccounts virtualAccounts) {
        this.virtualAccounts = virtualAccounts;
    }

    /** Due's list shape: {@code {"data": [...]}}. */
    public record Page(List<VirtualAccount> data) {}

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<VirtualAccount> create(@RequestBody VirtualAccountRequest request) {
        return ResponseEntity.status(HttpStatus.CREATED).body(virtualAccounts.create(request.validated()));
    }

    @GetMapping("/{id}")
    public VirtualAccount virtualAccount(@PathVariable String id) {
        return virtualAccounts.virtualAccount(id).orElseThrow(() -> DueException.notFound("No virtual account " + id));
    }

    @GetMapping
    public Page virtualAccounts(@RequestParam(required = false) String reference) {
        return new Page(virtualAccounts.virtualAccounts(reference));
    }
}
