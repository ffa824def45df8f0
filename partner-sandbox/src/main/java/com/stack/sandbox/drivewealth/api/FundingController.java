package com.stack.sandbox.drivewealth.api;

import com.stack.sandbox.drivewealth.app.DepositsAndRedemptions;
import com.stack.sandbox.drivewealth.domain.DriveWealthException;
import com.stack.sandbox.drivewealth.domain.FundingKind;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * DriveWealth's funding: deposits into and redemptions out of an account, created PENDING and settled
 * after the settle delay, each status change announced on the events queue. Request faults apply here
 * like to any DriveWealth path.
 */
@RestController
@RequestMapping(path = DriveWealthApi.BASE_PATH + "/funding", produces = MediaType.APPLICATION_JSON_VALUE)
public class FundingController {

    private final DepositsAndRedemptions funding;

    public FundingController(DepositsAndRedemptions funding) {
        this.funding = funding;
    }

    /** 200 for a new deposit and for the same request again under its Idempotency-Key (the deposit as it is now). */
    @PostMapping(path = "/deposits", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Views.FundingView deposit(
            @RequestHeader(name = DriveWealthApi.IDEMPOTENCY_KEY_HEADER, required = false) String idempotencyKey,
            @RequestBody FundingRequest request) {
        return create(FundingKind.DEPOSIT, idempotencyKey, request);
    }

    @GetMapping("/deposits/{id}")
    public Views.FundingView depositById(@PathVariable String id) {
        return find(FundingKind.DEPOSIT, id);
    }

    /** As a deposit; refused with 422 E030 when the cash available for withdrawal is less than the amount. */
    @PostMapping(path = "/redemptions", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Views.FundingView redeem(
            @RequestHeader(name = DriveWealthApi.IDEMPOTENCY_KEY_HEADER, required = false) String idempotencyKey,
            @RequestBody FundingRequest request) {
        return create(FundingKind.REDEMPTION, idempotencyKey, request);
    }

    @GetMapping("/redemptions/{id}")
    public Views.FundingView redemptionById(@PathVariable String id) {
        return find(FundingKind.REDEMPTION, id);
    }

    private Views.FundingView create(FundingKind kind, String idempotencyKey, FundingRequest request) {
        return Views.FundingView.of(funding.create(request.validated(kind), DriveWealthApi.checkedKey(idempotencyKey))
                .value());
    }

    private Views.FundingView find(FundingKind kind, String id) {
        return Views.FundingView.of(funding.find(kind, id)
                .orElseThrow(() -> DriveWealthException.notFound("No " + kind.noun() + " " + id)));
    }
}
