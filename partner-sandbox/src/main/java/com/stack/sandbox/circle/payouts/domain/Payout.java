package com.stack.sandbox.circle.payouts.domain;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A payout of Circle's payouts API (Circle Mint): USD from a wallet to a wire bank account, as
 * {@code GET /v1/businessAccount/payouts/{id}} shows it. It starts {@code pending} and ends
 * {@code complete}, or {@code failed} with an {@code errorCode}.
 *
 * @param amount    the amount with two decimals, such as "125.00"
 * @param fees      always "0.00" USD in the sandbox
 * @param errorCode why it failed; absent unless {@code failed}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Payout(
        String id,
        String sourceWalletId,
        Endpoint destination,
        Money amount,
        Money fees,
        String status,
        String errorCode,
        String createDate,
        String updateDate) {

    public static final String PENDING = "pending";
    public static final String COMPLETE = "complete";
    public static final String FAILED = "failed";

    public static Payout pending(String id, NewPayout request, Instant now) {
        return new Payout(
                id,
                request.sourceWalletId(),
                new Endpoint(NewPayout.DESTINATION_TYPE, request.destinationId()),
                new Money(request.amount().toPlainString(), NewPayout.CURRENCY),
                new Money("0.00", NewPayout.CURRENCY),
                PENDING,
                null,
                now.toString(),
                now.toString());
    }

    /** This payout ended: {@code complete} without an error code, {@code failed} with one. */
    public Payout settled(String failureCode, Instant now) {
        return new Payout(
                id,
                sourceWalletId,
                destination,
                amount,
                fees,
                failureCode == null ? COMPLETE : FAILED,
                failureCode,
                createDate,
                now.toString());
    }

    /** The object of its {@code payouts} notification. */
    public Notification notification() {
        return new Notification(id, status, amount, errorCode, sourceWalletId, destination, createDate, updateDate);
    }

    /** A source or destination: {@code {"type": "wallet"|"wire", "id": "..."}}. */
    public record Endpoint(String type, String id) {}

    /** {@code {"amount": "125.00", "currency": "USD"}}. */
    public record Money(String amount, String currency) {}

    /** A payout as a {@code payouts} notification carries it; {@code errorCode} only when failed. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Notification(
            String id,
            String status,
            Money amount,
            String errorCode,
            String sourceWalletId,
            Endpoint destination,
            String createDate,
            String updateDate) {}
}
