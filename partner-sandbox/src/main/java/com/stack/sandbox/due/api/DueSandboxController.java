package com.stack.sandbox.due.api;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import com.stack.sandbox.due.app.Quotes;
import com.stack.sandbox.due.app.Transfers;
import com.stack.sandbox.due.app.VirtualAccounts;
import com.stack.sandbox.due.config.DueSandboxProperties;
import com.stack.sandbox.due.domain.Transfer;
import com.stack.sandbox.due.domain.VirtualAccount;
import com.stack.sandbox.due.domain.WebhookDelivery;
import com.stack.sandbox.partners.ControlError;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sandbox's control API for Due (Due has none): make transfers fail, list transfers so a test can
 * count what was paid, list virtual accounts (with their USD balances) so a test can count what was opened, credit
 * a virtual account's balance, see every delivery of a transfer's webhooks. No credentials.
 */
@RestController
@RequestMapping(path = "/sandbox/due", produces = MediaType.APPLICATION_JSON_VALUE)
public class DueSandboxController {

    static final int MAX_COUNT = 1000;
    static final String DEFAULT_FAILURE_REASON = "transfer_failed";
    private static final Pattern REASON = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Pattern AMOUNT = Pattern.compile("\\d{1,13}(\\.\\d{1,2})?");

    private final Quotes quotes;
    private final Transfers transfers;
    private final VirtualAccounts virtualAccounts;
    private final DueSandboxProperties properties;

    public DueSandboxController(
            Quotes quotes, Transfers transfers, VirtualAccounts virtualAccounts, DueSandboxProperties properties) {
        this.quotes = quotes;
        this.transfers = transfers;
        this.virtualAccounts = virtualAccounts;
        this.properties = properties;
    }

    /**
     * @param count         transfers to fail, 0 to {@value #MAX_COUNT} (0 clears the flag); 1 when absent
     * @param failureReason their {@code failureReason}; {@value #DEFAULT_FAILURE_REASON} when absent
     */
    public record FailNextRequest(Integer count, String failureReason) {}

    /** Transfers and how many there are, so that a test can assert "paid once". */
    public record Listing(int count, List<Transfer> transfers) {}

    /** Virtual accounts and how many there are, so that a test can assert "created once". */
    public record VirtualAccountListing(int count, List<VirtualAccount> virtualAccounts) {}

    /** @param amount USD to add, a positive decimal string with at most 2 decimals */
    public record CreditRequest(String amount) {}

    /** @param failureReason {@code stack.sandbox.due.failure-reason} when absent */
    public record FailingRecipientRequest(String failureReason) {}

    /** Replaces the flag: the next {@code count} transfers made end {@code failed} with {@code failureReason}. */
    @PostMapping(path = "/transfers/fail-next", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<?> failNext(@RequestBody(required = false) FailNextRequest request) {
        int count = request == null || request.count() == null ? 1 : request.count();
        String reason =
                request == null || request.failureReason() == null ? DEFAULT_FAILURE_REASON : request.failureReason();
        if (count < 0 || count > MAX_COUNT) {
            return ResponseEntity.badRequest().body(ControlError.invalid("count", "count must be 0 to " + MAX_COUNT));
        }
        if (!REASON.matcher(reason).matches()) {
            return invalidReason();
        }
        return ResponseEntity.ok(transfers.failNext(count, reason));
    }

    /** Transfers made from now on to the recipient end {@code failed}; 404 for an unknown recipient. */
    @PutMapping(path = "/recipients/{id}/failing")
    public ResponseEntity<?> failRecipient(
            @PathVariable String id, @RequestBody(required = false) FailingRecipientRequest request) {
        String reason = request == null || request.failureReason() == null
                ? properties.failureReason()
                : request.failureReason();
        if (!REASON.matcher(reason).matches()) {
            return invalidReason();
        }
        return transfers
                .failRecipient(id, reason)
                .<ResponseEntity<?>>map(failing -> ResponseEntity.ok(Map.of("recipient", id, "failureReason", failing)))
                .orElseGet(() -> ResponseEntity.status(404).body(ControlError.notFound("no recipient " + id)));
    }

    @DeleteMapping("/recipients/{id}/failing")
    public ResponseEntity<Void> stopFailingRecipient(@PathVariable String id) {
        transfers.stopFailingRecipient(id);
        return ResponseEntity.noContent().build();
    }

    /** The quote expires now: a transfer with it is refused with {@code quote_expired}. */
    @PostMapping("/quotes/{token}/expire")
    public ResponseEntity<?> expireQuote(@PathVariable String token) {
        return quotes.expire(token)
                .<ResponseEntity<?>>map(
                        quote -> ResponseEntity.ok(Map.of("token", quote.token(), "expiresAt", quote.expiresAt())))
                .orElseGet(() -> ResponseEntity.status(404).body(ControlError.notFound("no quote " + token)));
    }

    /** Every transfer, oldest first, optionally only those to a recipient, an address or in a status. */
    @GetMapping("/transfers")
    public Listing transfers(
            @RequestParam(required = false) String recipient,
            @RequestParam(required = false) String destinationAddress,
            @RequestParam(required = false) String status) {
        List<Transfer> found = transfers.transfers(transfer -> (recipient == null
                        || recipient.equals(transfer.recipient()))
                && (destinationAddress == null || Objects.equals(destinationAddress, transfer.destinationAddress()))
                && (status == null || status.equals(transfer.status())));
        return new Listing(found.size(), found);
    }

    /** Every virtual account made, oldest first, or only the one with the reference (so 0 or 1). */
    @GetMapping("/virtual_accounts")
    public VirtualAccountListing virtualAccounts(@RequestParam(required = false) String reference) {
        List<VirtualAccount> found = virtualAccounts.virtualAccounts(reference);
        return new VirtualAccountListing(found.size(), found);
    }

    /** Adds USD to the virtual account's balance, as a wire in would (to test a transfer from it without a broker). */
    @PostMapping(path = "/virtual_accounts/{id}/credit", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<?> credit(@PathVariable String id, @RequestBody CreditRequest request) {
        if (request.amount() == null
                || !AMOUNT.matcher(request.amount()).matches()
                || new BigDecimal(request.amount()).signum() <= 0) {
            return ResponseEntity.badRequest()
                    .body(ControlError.invalid(
                            "amount", "amount must be a positive decimal string with at most 2 decimals"));
        }
        return virtualAccounts
                .credit(id, new BigDecimal(request.amount()).setScale(2))
                .<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.status(404).body(ControlError.notFound("no virtual account " + id)));
    }

    /** Every delivery attempt of the transfer's webhooks; 404 for an unknown transfer. */
    @GetMapping("/transfers/{id}/deliveries")
    public ResponseEntity<?> deliveries(@PathVariable String id) {
        if (transfers.transfer(id).isEmpty()) {
            return ResponseEntity.status(404).body(ControlError.notFound("no transfer " + id));
        }
        return ResponseEntity.ok(Map.<String, List<WebhookDelivery>>of("deliveries", transfers.deliveries(id)));
    }

    private static ResponseEntity<ControlError> invalidReason() {
        return ResponseEntity.badRequest()
                .body(ControlError.invalid(
                        "failureReason", "failureReason must be 1 to 64 letters, digits, '_', '.' or '-'"));
    }
}
