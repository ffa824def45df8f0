package com.stack.sandbox.circle.payouts.api;

import java.util.Map;

import com.stack.sandbox.circle.payouts.app.Payouts;
import com.stack.sandbox.circle.payouts.domain.Payout;
import com.stack.sandbox.circle.wallets.api.CircleWalletsController;
import com.stack.sandbox.circle.wallets.domain.CircleException;
import com.stack.sandbox.partners.IdempotencyStore.Outcome;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Circle's payouts API (Circle Mint) under the Circle base path: create a payout from a wallet to a
 * wire bank account, read it back. The API key is checked before a request gets here
 * ({@code ApiKeyFilter}); request faults apply to {@value #PAYOUTS_PATH} like to any Circle path.
 */
@RestController
@RequestMapping(
        path = CircleWalletsController.BASE_PATH + CirclePayoutsController.PAYOUTS_PATH,
        produces = MediaType.APPLICATION_JSON_VALUE)
public class CirclePayoutsController {

    /** Below the Circle base path. */
    public static final String PAYOUTS_PATH = "/v1/businessAccount/payouts";

    private final Payouts payouts;

    public CirclePayoutsController(Payouts payouts) {
        this.payouts = payouts;
    }

    /** 201 for the first request with an idempotency key; 200 and the payout as it is now for the same request again. */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, Payout>> create(@RequestBody CreatePayoutRequest request) {
        Outcome<Payout> outcome = payouts.create(request.validated());
        return ResponseEntity.status(outcome.kind() == Outcome.Kind.CREATED ? HttpStatus.CREATED : HttpStatus.OK)
                .body(Map.of("data", outcome.value()));
    }

    @GetMapping("/{id}")
    public Map<String, Payout> payout(@PathVariable String id) {
        return Map.of("data", payouts.payout(id).orElseThrow(CircleException::payoutNotFound));
    }
}
