package com.stack.sandbox.circle.transactions.domain;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A valid query of Circle's {@code GET /v1/w3s/transactions}: which transactions, and which page of them.
 * Every filter is optional ({@code null}, or empty {@code walletIds}, when not given); those given must
 * all match.
 *
 * @param txType     {@code INBOUND} or {@code OUTBOUND}
 * @param walletIds  the transaction's wallet is one of these
 * @param from       created at or after this instant
 * @param to         created at or before this instant
 * @param pageSize   1 to {@value #MAX_PAGE_SIZE}
 * @param pageAfter  the id the page starts after (older transactions); never given with {@code pageBefore}
 * @param pageBefore the id the page ends before (newer transactions)
 */
public record TransactionQuery(
        String txType,
        Set<String> walletIds,
        String blockchain,
        String destinationAddress,
        String txHash,
        String state,
        Instant from,
        Instant to,
        int pageSize,
        String pageAfter,
        String pageBefore) {

    public static final String INBOUND = "INBOUND";
    public static final String OUTBOUND = "OUTBOUND";
    public static final List<String> TX_TYPES = List.of(INBOUND, OUTBOUND);
    public static final int DEFAULT_PAGE_SIZE = 10;
    public static final int MAX_PAGE_SIZE = 50;

    public TransactionQuery {
        walletIds = walletIds == null ? Set.of() : Set.copyOf(walletIds);
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("pageSize must be 1 to " + MAX_PAGE_SIZE);
        }
        if (pageAfter != null && pageBefore != null) {
            throw new IllegalArgumentException("pageAfter and pageBefore cannot both be given");
        }
    }
}
