package com.stack.sandbox.circle.transactions.api;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.stack.sandbox.circle.notifications.domain.NotificationDelivery;
import com.stack.sandbox.circle.transactions.app.OutboundTransactions;
import com.stack.sandbox.circle.transactions.domain.Plan;
import com.stack.sandbox.circle.transactions.domain.Transaction;
import com.stack.sandbox.partners.ControlError;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sandbox's control API for the wallets' outbound transactions (Circle has none): make the next
 * ones fail, list them so a test can count what was sent, see every delivery of a transaction's
 * notifications. No credentials.
 */
@RestController
@RequestMapping(path = "/sandbox/circle/transactions", produces = MediaType.APPLICATION_JSON_VALUE)
public class TransactionsSandboxController {

    static final int MAX_COUNT = 1000;
    private static final Pattern ERROR_REASON = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private final OutboundTransactions transactions;

    public TransactionsSandboxController(OutboundTransactions transactions) {
        this.transactions = transactions;
    }

    /**
     * @param count       transactions to fail, 0 to {@value #MAX_COUNT} (0 clears the flag); 1 when absent
     * @param errorReason their {@code errorReason}; {@value OutboundTransactions#DEFAULT_ERROR_REASON} when absent
     * @param failAfter   the state they fail after: INITIATED, QUEUED, SENT or CONFIRMED;
     *                    {@value OutboundTransactions#DEFAULT_FAIL_AFTER} when absent
     */
    public record FailNextRequest(Integer count, String errorReason, String failAfter) {}

    /** Transactions and how many there are, so that a test can assert "sent once". */
    public record Listing(int count, List<Transaction> transactions) {}

    /** Replaces the flag: the next {@code count} transactions accepted end {@code FAILED} with {@code errorReason}. */
    @PostMapping(path = "/fail-next", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<?> failNext(@RequestBody(required = false) FailNextRequest request) {
        int count = request == null || request.count() == null ? 1 : request.count();
        String reason = request == null || request.errorReason() == null
                ? OutboundTransactions.DEFAULT_ERROR_REASON
                : request.errorReason();
        String after = request == null || request.failAfter() == null
                ? OutboundTransactions.DEFAULT_FAIL_AFTER
                : request.failAfter();
        if (count < 0 || count > MAX_COUNT) {
            return ResponseEntity.badRequest().body(ControlError.invalid("count", "count must be 0 to " + MAX_COUNT));
        }
        if (!ERROR_REASON.matcher(reason).matches()) {
            return ResponseEntity.badRequest()
                    .body(ControlError.invalid(
                            "errorReason", "errorReason must be 1 to 64 letters, digits, '_', '.' or '-'"));
        }
        if (!Plan.FAILABLE_AFTER.contains(after)) {
            return ResponseEntity.badRequest()
                    .body(ControlError.invalid("failAfter", "failAfter must be one of " + Plan.FAILABLE_AFTER));
        }
        return ResponseEntity.ok(transactions.failNext(count, reason, after));
    }

    /** Every outbound transaction, oldest first, optionally only those of a wallet, to an address (any letter case), with a refId or in a state. */
    @GetMapping
    public Listing transactions(
            @RequestParam(required = false) String walletId,
            @RequestParam(required = false) String destinationAddress,
            @RequestParam(required = false) String refId,
            @RequestParam(required = false) String state) {
        List<Transaction> found = transactions.transactions(transaction -> (walletId == null
                        || walletId.equals(transaction.walletId()))
                && (destinationAddress == null || destinationAddress.equalsIgnoreCase(transaction.destinationAddress()))
                && (refId == null || refId.equals(transaction.refId()))
                && (state == null || state.equals(transaction.state())));
        return new Listing(found.size(), found);
    }

    /** Every delivery attempt of the transaction's {@code transactions.outbound} notifications; 404 for an unknown transaction. */
    @GetMapping("/{id}/deliveries")
    public ResponseEntity<?> deliveries(@PathVariable String id) {
        if (transactions.transaction(id).isEmpty()) {
            return ResponseEntity.status(404).body(ControlError.notFound("no transaction " + id));
        }
        return ResponseEntity.ok(Map.<String, List<NotificationDelivery>>of("deliveries", transactions.deliveries(id)));
    }
}
