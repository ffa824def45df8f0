package com.stack.sandbox.circle.payouts.api;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.stack.sandbox.circle.notifications.domain.NotificationDelivery;
import com.stack.sandbox.circle.payouts.app.Payouts;
import com.stack.sandbox.partners.ControlError;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sandbox's control API for Circle's payouts (Circle has none): make the next payouts fail, see
 * every delivery of a payout's notifications.
 */
@RestController
@RequestMapping(path = "/sandbox/circle/payouts", produces = MediaType.APPLICATION_JSON_VALUE)
public class PayoutsSandboxController {

    static final int MAX_COUNT = 1000;
    private static final Pattern ERROR_CODE = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private final Payouts payouts;

    public PayoutsSandboxController(Payouts payouts) {
        this.payouts = payouts;
    }

    /**
     * @param count     payouts to fail, 0 to {@value #MAX_COUNT} (0 clears the flag); 1 when absent
     * @param errorCode their {@code errorCode}; {@code transaction_failed} when absent
     */
    public record FailNextRequest(Integer count, String errorCode) {}

    /** Replaces the flag: the next {@code count} payouts created end {@code failed} with {@code errorCode}. */
    @PostMapping(path = "/fail-next", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<?> failNext(@RequestBody(required = false) FailNextRequest request) {
        int count = request == null || request.count() == null ? 1 : request.count();
        String errorCode =
                request == null || request.errorCode() == null ? Payouts.DEFAULT_ERROR_CODE : request.errorCode();
        if (count < 0 || count > MAX_COUNT) {
            return ResponseEntity.badRequest().body(ControlError.invalid("count", "count must be 0 to " + MAX_COUNT));
        }
        if (!ERROR_CODE.matcher(errorCode).matches()) {
            return ResponseEntity.badRequest()
                    .body(ControlError.invalid(
                            "errorCode", "errorCode must be 1 to 64 letters, digits, '_', '.' or '-'"));
        }
        return ResponseEntity.ok(payouts.failNext(count, errorCode));
    }

    /** Every delivery attempt of the payout's {@code payouts} notifications; 404 for an unknown payout. */
    @GetMapping("/{id}/deliveries")
    public ResponseEntity<?> deliveries(@PathVariable String id) {
        if (payouts.payout(id).isEmpty()) {
            return ResponseEntity.status(404).body(ControlError.notFound("no payout " + id));
        }
        return ResponseEntity.ok(Map.<String, List<NotificationDelivery>>of("deliveries", payouts.deliveries(id)));
    }
}
