package com.stack.sandbox.circle.transactions.api;

import java.util.List;
import java.util.Map;

import com.stack.sandbox.circle.common.api.RequestFields;
import com.stack.sandbox.circle.transactions.app.OutboundTransactions;
import com.stack.sandbox.circle.transactions.app.TransactionListing;
import com.stack.sandbox.circle.transactions.domain.NewTransaction;
import com.stack.sandbox.circle.transactions.domain.Transaction;
import com.stack.sandbox.circle.wallets.api.CircleWalletsController;
import com.stack.sandbox.circle.wallets.app.EntitySecret;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Token transfers out of Circle's developer-controlled wallets, under the Circle base path, and the
 * wallets' transactions, one or a list ({@link TransactionListing}: inbound and outbound). As every
 * wallet write, a transfer proves the entity secret with a fresh ciphertext (checked, and used up,
 * exactly as for wallet creation) before anything else happens; the API key is checked before a
 * request gets here ({@code ApiKeyFilter}).
 */
@RestController
@RequestMapping(path = CircleWalletsController.BASE_PATH, produces = MediaType.APPLICATION_JSON_VALUE)
public class CircleTransactionsController {

    private final EntitySecret entitySecret;
    private final OutboundTransactions transactions;
    private final TransactionListing listing;

    public CircleTransactionsController(
            EntitySecret entitySecret, OutboundTransactions transactions, TransactionListing listing) {
        this.entitySecret = entitySecret;
        this.transactions = transactions;
        this.listing = listing;
    }

    /** What Circle answers to a transfer: its id and state. */
    public record Accepted(String id, String state) {}

    /**
     * 201 {@code {"data": {"id", "state": "INITIATED"}}} for the first request with a key; 200 and the
     * transaction's state now for the same request again (with a fresh ciphertext). Order of checks: the
     * body's fields, the ciphertext, the idempotency key, the wallet, the token and the address.
     */
    @PostMapping(path = "/v1/w3s/developer/transactions/transfer", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<Map<String, Accepted>>> transfer(@RequestBody CreateTransferTransactionRequest request) {
        return Mono.defer(() -> {
            NewTransaction command = request.validated();
            return entitySecret
                    .verify(request.entitySecretCiphertext())
                    .then(Mono.fromSupplier(() -> transactions.create(command)))
                    .map(outcome -> ResponseEntity.status(
                                    outcome.kind() == Outcome.Kind.CREATED ? HttpStatus.CREATED : HttpStatus.OK)
                            .body(Map.of(
                                    "data",
                                    new Accepted(
                                            outcome.value().id(),
                                            outcome.value().state()))));
        });
    }

    /**
     * Circle's {@code listTransactions}: {@code {"data": {"transactions": [...]}}}, newest first, one page;
     * 400 (code 2, every invalid parameter listed) for a bad {@code txType}, {@code from}, {@code to} or
     * {@code pageSize}, or both {@code pageAfter} and {@code pageBefore}. See {@link ListTransactionsRequest}.
     */
    @GetMapping("/v1/w3s/transactions")
    public Map<String, Object> transactions(
            @RequestParam(required = false) String txType,
            @RequestParam(required = false) String walletIds,
            @RequestParam(required = false) String blockchain,
            @RequestParam(required = false) String destinationAddress,
            @RequestParam(required = false) String txHash,
            @RequestParam(required = false) String state,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String pageSize,
            @RequestParam(required = false) String pageAfter,
            @RequestParam(required = false) String pageBefore) {
        List<Object> page = listing.list(new ListTransactionsRequest(
                        txType,
                        walletIds,
                        blockchain,
                        destinationAddress,
                        txHash,
                        state,
                        from,
                        to,
                        pageSize,
                        pageAfter,
                        pageBefore)
                .validated());
        return Map.of("data", Map.of("transactions", page));
    }

    @GetMapping("/v1/w3s/transactions/{id}")
    public Map<String, Object> transaction(@PathVariable String id) {
        Transaction transaction = transactions
                .transaction(RequestFields.pathId(id).toString())
                .orElseThrow(CircleException::transactionNotFound);
        return Map.of("data", Map.of("transaction", transaction));
    }
}
