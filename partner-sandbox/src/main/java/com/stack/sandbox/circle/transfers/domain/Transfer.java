package com.stack.sandbox.circle.transfers.domain;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A business-account transfer of Circle Mint, as {@code GET /v1/businessAccount/transfers/{id}} shows
 * it and its {@code transfers} notifications carry it: USD from the master wallet, sent as USDC to a
 * blockchain address. It starts {@code pending} and ends {@code complete} with the chain's
 * {@code transactionHash}, or {@code failed} with an {@code errorCode}.
 *
 * @param amount          the amount with two decimals, such as "10.00"
 * @param transactionHash the on-chain hash; only once {@code complete}
 * @param errorCode       why it failed; only when {@code failed}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Transfer(
        String id,
        Source source,
        Destination destination,
        Money amount,
        String transactionHash,
        String status,
        String errorCode,
        String createDate,
        String updateDate) {

    public static final String PENDING = "pending";
    public static final String COMPLETE = "complete";
    public static final String FAILED = "failed";

    public static Transfer pending(String id, String masterWalletId, NewTransfer request, Instant now) {
        return new Transfer(
                id,
                new Source(NewTransfer.SOURCE_TYPE, masterWalletId),
                new Destination(
                        NewTransfer.DESTINATION_TYPE,
                        request.address(),
                        request.chain().wireName()),
                new Money(request.amount().toPlainString(), NewTransfer.CURRENCY),
                null,
                PENDING,
                null,
                now.toString(),
                now.toString());
    }

    public Transfer completed(String hash, Instant now) {
        return new Transfer(id, source, destination, amount, hash, COMPLETE, null, createDate, now.toString());
    }

    public Transfer failed(String code, Instant now) {
        return new Transfer(id, source, destination, amount, null, FAILED, code, createDate, now.toString());
    }

    /** {@code {"type": "wallet", "id": "1000216185"}}: the business account's master wallet. */
    public record Source(String type, String id) {}

    /** {@code {"type": "blockchain", "address": "0x...", "chain": "ETH"}}. */
    public record Destination(String type, String address, String chain) {}

    /** {@code {"amount": "10.00", "currency": "USD"}}. */
    public record Money(String amount, String currency) {}
}
