package com.stack.sandbox.circle.transfers.api;

import java.util.List;
import java.util.Map;

import com.stack.sandbox.circle.transfers.app.BusinessAccount;
import com.stack.sandbox.circle.transfers.app.BusinessTransfers;
import com.stack.sandbox.circle.transfers.domain.NewTransfer;
import com.stack.sandbox.circle.transfers.domain.Transfer;
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
 * Circle Mint's business account under the Circle base path: transfers of USD as USDC to a blockchain
 * address, and the account's balances. The API key is checked before a request gets here
 * ({@code ApiKeyFilter}); request faults apply to these paths like to any Circle path.
 */
@RestController
@RequestMapping(
        path = CircleWalletsController.BASE_PATH + CircleTransfersController.BUSINESS_ACCOUNT_PATH,
        produces = MediaType.APPLICATION_JSON_VALUE)
public class CircleTransfersController {

    /** Below the Circle base path. */
    public static final String BUSINESS_ACCOUNT_PATH = "/v1/businessAccount";

    private final BusinessTransfers transfers;
    private final BusinessAccount account;

    public CircleTransfersController(BusinessTransfers transfers, BusinessAccount account) {
        this.transfers = transfers;
        this.account = account;
    }

    /** {@code {"amount": "10.00", "currency": "USD"}}, an entry of the balances. */
    public record Balance(String amount, String currency) {}

    /** 201 for the first request with an idempotency key; 200 and the transfer as it is now for the same request again. */
    @PostMapping(path = "/transfers", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, Transfer>> create(@RequestBody CreateTransferRequest request) {
        Outcome<Transfer> outcome = transfers.create(request.validated());
        return ResponseEntity.status(outcome.kind() == Outcome.Kind.CREATED ? HttpStatus.CREATED : HttpStatus.OK)
                .body(Map.of("data", outcome.value()));
    }

    @GetMapping("/transfers/{id}")
    public Map<String, Transfer> transfer(@PathVariable String id) {
        return Map.of("data", transfers.transfer(id).orElseThrow(CircleException::transferNotFound));
    }

    /** The business account's USD: what transfers can take now; nothing is ever unsettled in the sandbox. */
    @GetMapping("/balances")
    public Map<String, Object> balances() {
        return Map.of(
                "data",
                Map.of(
                        "available",
                        List.of(new Balance(account.available().toPlainString(), NewTransfer.CURRENCY)),
                        "unsettled",
                        List.of()));
    }
}
