package com.stack.sandbox.circle.transactions.domain;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.stack.sandbox.circle.wallets.domain.Wallet;

/**
 * An outbound transaction of a developer-controlled wallet (a token transfer), as
 * {@code GET /v1/w3s/transactions/{id}} and the list show it and its {@code transactions.outbound} notifications
 * carry it: the fields of the inbound transactions' notifications, with {@code sourceAddress},
 * {@code errorReason} and {@code refId}, and the fields Circle adds to an outbound transfer.
 *
 * @param amounts     one amount of USDC, a plain decimal without trailing zeros ("10", "0.5")
 * @param txHash      the chain's hash, from {@code SENT} on; absent before
 * @param errorReason why it failed; only when {@code FAILED}
 * @param refId       the caller's reference; absent when none was given
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Transaction(
        String id,
        String blockchain,
        String tokenId,
        String walletId,
        String sourceAddress,
        String destinationAddress,
        List<String> amounts,
        String txHash,
        String state,
        String transactionType,
        String operation,
        String custodyType,
        String feeLevel,
        String errorReason,
        String refId,
        String createDate,
        String updateDate) {

    public static final String INITIATED = "INITIATED";
    public static final String QUEUED = "QUEUED";
    public static final String SENT = "SENT";
    public static final String CONFIRMED = "CONFIRMED";
    public static final String COMPLETE = "COMPLETE";
    public static final String FAILED = "FAILED";
    /** The states of a transaction that completes, in order. */
    public static final List<String> PROGRESS = List.of(INITIATED, QUEUED, SENT, CONFIRMED, COMPLETE);
    /** The states in which a transaction carries its hash: the chain has seen it. */
    static final List<String> ON_CHAIN = List.of(SENT, CONFIRMED, COMPLETE);

    public Transaction {
        amounts = List.copyOf(amounts);
    }

    public static Transaction initiated(String id, Wallet wallet, String amount, NewTransaction request, Instant now) {
        return new Transaction(
                id,
                wallet.blockchain(),
                request.tokenId(),
                wallet.id(),
                wallet.address(),
                request.destinationAddress(),
                List.of(amount),
                null,
                INITIATED,
                "OUTBOUND",
                "TRANSFER",
                "DEVELOPER",
                request.feeLevel(),
                null,
                request.refId(),
                now.toString(),
                now.toString());
    }

    /**
     * This transaction in {@code next}: {@code FAILED} with {@code errorReason}, or a state of
     * {@link #PROGRESS}, with {@code hash} from {@code SENT} on.
     */
    public Transaction moved(String next, String hash, String reason, Instant now) {
        String txHash = this.txHash != null || !ON_CHAIN.contains(next) ? this.txHash : hash;
        return new Transaction(
                id,
                blockchain,
                tokenId,
                walletId,
                sourceAddress,
                destinationAddress,
                amounts,
                txHash,
                next,
                transactionType,
                operation,
                custodyType,
                feeLevel,
                FAILED.equals(next) ? reason : null,
                refId,
                createDate,
                now.toString());
    }
}
