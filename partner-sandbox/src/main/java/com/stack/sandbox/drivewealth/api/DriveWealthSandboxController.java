package com.stack.sandbox.drivewealth.api;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import com.stack.sandbox.drivewealth.app.DepositsAndRedemptions;
import com.stack.sandbox.drivewealth.app.DriveWealthAccounts;
import com.stack.sandbox.drivewealth.app.FundingEvents;
import com.stack.sandbox.drivewealth.app.OrderEvents;
import com.stack.sandbox.drivewealth.domain.DriveWealthException;
import com.stack.sandbox.drivewealth.domain.FundingKind;
import com.stack.sandbox.partners.ControlError;
import com.stack.sandbox.sqs.domain.SqsException;
import com.stack.sandbox.sqs.domain.StandardQueue;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebInputException;

/**
 * The sandbox's control API for DriveWealth (DriveWealth has none): make funding to an account, or the
 * next deposits, end REJECTED; adjust an account's cash past funding (a fee taken at the broker); list deposits,
 * redemptions and every event sent to the queue; put any message on the queue.
 */
@RestController
@RequestMapping(path = "/sandbox/drivewealth", produces = MediaType.APPLICATION_JSON_VALUE)
public class DriveWealthSandboxController {

    static final int MAX_COUNT = 1000;
    static final int MAX_REASON_LENGTH = 255;

    private final DriveWealthAccounts accounts;
    private final DepositsAndRedemptions funding;
    private final FundingEvents events;
    private final OrderEvents orderEvents;

    public DriveWealthSandboxController(
            DriveWealthAccounts accounts,
            DepositsAndRedemptions funding,
            FundingEvents events,
            OrderEvents orderEvents) {
        this.accounts = accounts;
        this.funding = funding;
        this.events = events;
        this.orderEvents = orderEvents;
    }

    /** @param reason the {@code statusComment} of the rejections; a default when absent */
    public record RejectRequest(String reason) {}

    public record Rejecting(String accountNo, String reason) {}

    /** @param count deposits to reject, 0 to {@value #MAX_COUNT} (0 clears the flag); 1 when absent */
    public record FailNextRequest(Integer count, String reason) {}

    /** Deposits and redemptions to the account created from now on settle REJECTED with the reason. */
    @PostMapping(path = "/accounts/{accountNo}/reject-funding")
    public ResponseEntity<?> rejectFunding(
            @PathVariable String accountNo, @RequestBody(required = false) RejectRequest request) {
        if (accounts.byAccountNo(accountNo).isEmpty()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ControlError.notFound("No account " + accountNo));
        }
        String reason = request == null || request.reason() == null
                ? DepositsAndRedemptions.DEFAULT_REJECTION
                : request.reason();
        if (reason.isBlank() || reason.length() > MAX_REASON_LENGTH) {
            return ResponseEntity.badRequest()
                    .body(ControlError.invalid("reason", "reason must be 1 to " + MAX_REASON_LENGTH + " characters"));
        }
        funding.rejectFunding(accountNo, reason);
        return ResponseEntity.ok(new Rejecting(accountNo, reason));
    }

    /** Funding to the account succeeds again (for what is created from now on). 204, or 404 when it was not marked. */
    @DeleteMapping(path = "/accounts/{accountNo}/reject-funding")
    public ResponseEntity<?> acceptFunding(@PathVariable String accountNo) {
        return funding.acceptFunding(accountNo)
                ? ResponseEntity.noContent().build()
                : ResponseEntity.status(HttpStatus.NOT_FOUND)
                        .body(ControlError.notFound(accountNo + " is not rejecting funding"));
    }

    /**
     * @param amount a signed decimal string with at most 2 decimals: what the account's cash changes by
     * @param reason why, for the log; optional
     */
    public record CashAdjustmentRequest(String amount, String reason) {}

    public record CashAdjusted(String accountID, String accountNo, String amount, String reason, String cashBalance) {}

    /**
     * Changes the account's cash by {@code amount} without a deposit or redemption, so the broker holds other cash than
     * funding's ledger (a fee taken at the broker). {@code account} is the account's number or id; 404 for neither,
     * 422 when the cash would go below zero.
     */
    @PostMapping(path = "/accounts/{account}/cash-adjustments", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<?> adjustCash(@PathVariable String account, @RequestBody CashAdjustmentRequest request) {
        var found = accounts.byAccountNo(account).or(() -> accounts.byId(account));
        if (found.isEmpty()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ControlError.notFound("No account " + account));
        }
        if (request.amount() == null || !request.amount().matches("-?\\d{1,13}(\\.\\d{1,2})?")) {
            return ResponseEntity.badRequest()
                    .body(ControlError.invalid(
                            "amount", "amount must be a signed decimal string with at most 2 decimals"));
        }
        if (request.reason() != null && request.reason().length() > MAX_REASON_LENGTH) {
            return ResponseEntity.badRequest()
                    .body(ControlError.invalid(
                            "reason", "reason must be at most " + MAX_REASON_LENGTH + " characters"));
        }
        String accountNo = found.get().accountNo();
        BigDecimal after;
        try {
            after = accounts.adjust(accountNo, new BigDecimal(request.amount()).setScale(2));
        } catch (DriveWealthException e) {
            return ResponseEntity.status(422)
                    .body(ControlError.invalid("amount", "the cash of " + accountNo + " would go below zero"));
        }
        return ResponseEntity.ok(new CashAdjusted(
                found.get().id(),
                accountNo,
                request.amount(),
                request.reason(),
                after.setScale(2).toPlainString()));
    }

    /** Replaces the flag: the next {@code count} deposits created (any account) settle REJECTED with the reason. */
    @PostMapping(path = "/fail-next-deposits")
    public ResponseEntity<?> failNextDeposits(@RequestBody(required = false) FailNextRequest request) {
        int count = request == null || request.count() == null ? 1 : request.count();
        String reason = request == null || request.reason() == null
                ? DepositsAndRedemptions.DEFAULT_REJECTION
                : request.reason();
        if (count < 0 || count > MAX_COUNT) {
            return ResponseEntity.badRequest().body(ControlError.invalid("count", "count must be 0 to " + MAX_COUNT));
        }
        if (reason.isBlank() || reason.length() > MAX_REASON_LENGTH) {
            return ResponseEntity.badRequest()
                    .body(ControlError.invalid("reason", "reason must be 1 to " + MAX_REASON_LENGTH + " characters"));
        }
        return ResponseEntity.ok(funding.failNextDeposits(count, reason));
    }

    /** Every deposit (of one account with {@code accountNo}), oldest first, as the API shows them. */
    @GetMapping("/deposits")
    public Map<String, List<Views.FundingView>> deposits(@RequestParam(required = false) String accountNo) {
        return Map.of(
                "deposits",
                funding.list(FundingKind.DEPOSIT, accountNo).stream()
                        .map(Views.FundingView::of)
                        .toList());
    }

    @GetMapping("/redemptions")
    public Map<String, List<Views.FundingView>> redemptions(@RequestParam(required = false) String accountNo) {
        return Map.of(
                "redemptions",
                funding.list(FundingKind.REDEMPTION, accountNo).stream()
                        .map(Views.FundingView::of)
                        .toList());
    }

    /** Every event so far, oldest first, with its fault and how often its messages were received and deleted. */
    @GetMapping("/events")
    public Map<String, Object> events() {
        return Map.of("queue", events.queue().name(), "events", events.events());
    }

    /** Every order event so far (on the order events queue), oldest first, as {@link #events()} lists funding events. */
    @GetMapping("/order-events")
    public Map<String, Object> orderEvents() {
        return Map.of("queue", orderEvents.queue().name(), "events", orderEvents.events());
    }

    public record Sent(String messageId) {}

    /** Puts the body, as it is, on the events queue (no faults): a message that is not an event, a forged event. */
    @PostMapping(path = "/events/raw", consumes = MediaType.ALL_VALUE)
    public ResponseEntity<?> sendRaw(@RequestBody String body) {
        StandardQueue.Sent sent = events.sendRaw(body);
        return ResponseEntity.status(HttpStatus.CREATED).body(new Sent(sent.messageId()));
    }

    @ExceptionHandler(SqsException.class)
    public ResponseEntity<ControlError> refusedByQueue(SqsException e) {
        return ResponseEntity.badRequest().body(ControlError.invalid("body", e.getMessage()));
    }

    @ExceptionHandler(ServerWebInputException.class)
    public ResponseEntity<ControlError> unreadable(ServerWebInputException e) {
        return ResponseEntity.badRequest()
                .body(ControlError.invalid(null, "the body must be a JSON object of this request"));
    }
}
