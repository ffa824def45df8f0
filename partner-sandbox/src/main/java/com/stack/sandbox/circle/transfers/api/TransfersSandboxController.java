package com.stack.sandbox.circle.transfers.api;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.stack.sandbox.circle.notifications.domain.NotificationDelivery;
import com.stack.sandbox.circle.transfers.app.BusinessAccount;
import com.stack.sandbox.circle.transfers.app.BusinessTransfers;
import com.stack.sandbox.circle.transfers.domain.NewTransfer;
import com.stack.sandbox.circle.transfers.domain.Transfer;
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
 * The sandbox's control API for Circle Mint's business account (Circle has none): make the next
 * transfers fail, list transfers so a test can count what was sent, see every delivery of a
 * transfer's notifications, add USD to the account. No credentials.
 */
@RestController
@RequestMapping(path = "/sandbox/circle", produces = MediaType.APPLICATION_JSON_VALUE)
public class TransfersSandboxController {

    static final int MAX_COUNT = 1000;
    private static final Pattern ERROR_CODE = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Pattern USD_AMOUNT = Pattern.compile("\\d{1,15}(\\.\\d{1,2})?");

    private final BusinessTransfers transfers;
    private final BusinessAccount account;

    public TransfersSandboxController(BusinessTransfers transfers, BusinessAccount account) {
        this.transfers = transfers;
        this.account = account;
    }

    /**
     * @param count     transfers to fail, 0 to {@value #MAX_COUNT} (0 clears the flag); 1 when absent
     * @param errorCode their {@code errorCode}; {@value BusinessTransfers#DEFAULT_ERROR_CODE} when absent
     */
    public record FailNextRequest(Integer count, String errorCode) {}

    /** Transfers and how many there are, so that a test can assert "sent once". */
    public record Listing(int count, List<Transfer> transfers) {}

    /** @param amount USD to add: a positive decimal string with at most 2 decimals */
    public record CreditRequest(String amount) {}

    /** Replaces the flag: the next {@code count} transfers made end {@code failed} with {@code errorCode}. */
    @PostMapping(path = "/transfers/fail-next", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<?> failNext(@RequestBody(required = false) FailNextRequest request) {
        int count = request == null || request.count() == null ? 1 : request.count();
        String errorCode = request == null || request.errorCode() == null
                ? BusinessTransfers.DEFAULT_ERROR_CODE
                : request.errorCode();
        if (count < 0 || count > MAX_COUNT) {
            return ResponseEntity.badRequest().body(ControlError.invalid("count", "count must be 0 to " + MAX_COUNT));
        }
        if (!ERROR_CODE.matcher(errorCode).matches()) {
            return ResponseEntity.badRequest()
                    .body(ControlError.invalid(
                            "errorCode", "errorCode must be 1 to 64 letters, digits, '_', '.' or '-'"));
        }
        return ResponseEntity.ok(transfers.failNext(count, errorCode));
    }

    /** Every transfer, oldest first, optionally only those to an address (any letter case) or in a status. */
    @GetMapping("/transfers")
    public Listing transfers(
            @RequestParam(required = false) String address, @RequestParam(required = false) String status) {
        List<Transfer> found = transfers.transfers(transfer -> (address == null
                        || address.equalsIgnoreCase(transfer.destination().address()))
                && (status == null || status.equals(transfer.status())));
        return new Listing(found.size(), found);
    }

    /** Every delivery attempt of the transfer's {@code transfers} notifications; 404 for an unknown transfer. */
    @GetMapping("/transfers/{id}/deliveries")
    public ResponseEntity<?> deliveries(@PathVariable String id) {
        if (transfers.transfer(id).isEmpty()) {
            return ResponseEntity.status(404).body(ControlError.notFound("no transfer " + id));
        }
        return ResponseEntity.ok(Map.<String, List<NotificationDelivery>>of("deliveries", transfers.deliveries(id)));
    }

    /** Adds USD to the business account; answers its balances as {@code GET /v1/businessAccount/balances} shows them. */
    @PostMapping(path = "/business-account/credit", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<?> credit(@RequestBody(required = false) CreditRequest request) {
        String amount = request == null ? null : request.amount();
        if (amount == null || !USD_AMOUNT.matcher(amount).matches() || new BigDecimal(amount).signum() <= 0) {
            return ResponseEntity.badRequest()
                    .body(ControlError.invalid(
                            "amount",
                            "amount must be a positive decimal string with at most 2 decimals, such as \"1000.00\""));
        }
        BigDecimal available = account.credit(new BigDecimal(amount));
        return ResponseEntity.ok(Map.of(
                "available",
                List.of(new CircleTransfersController.Balance(available.toPlainString(), NewTransfer.CURRENCY)),
                "unsettled",
                List.of()));
    }
}
