package com.stack.sandbox.circle.transactions.api;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.stack.sandbox.circle.transactions.domain.TransactionQuery;
import com.stack.sandbox.circle.wallets.domain.CircleError.FieldError;
import com.stack.sandbox.circle.wallets.domain.CircleException;

/**
 * The query parameters of {@code GET /v1/w3s/transactions}, as given (all optional; a blank one counts
 * as absent): {@code txType} (INBOUND or OUTBOUND), {@code walletIds} (comma-separated), {@code blockchain},
 * {@code destinationAddress}, {@code txHash}, {@code state}, {@code from} and {@code to} (ISO-8601
 * date-times with an offset, such as {@code 2026-11-22T05:30:00Z}), {@code pageSize} (1 to 50, 10 by
 * default), and one of {@code pageAfter} or {@code pageBefore} (a transaction id).
 */
record ListTransactionsRequest(
        String txType,
        String walletIds,
        String blockchain,
        String destinationAddress,
        String txHash,
        String state,
        String from,
        String to,
        String pageSize,
        String pageAfter,
        String pageBefore) {

    /** @throws CircleException 400 listing every invalid parameter */
    TransactionQuery validated() {
        List<FieldError> errors = new ArrayList<>();
        String type = given(txType);
        if (type != null && !TransactionQuery.TX_TYPES.contains(type)) {
            errors.add(FieldError.invalid("txType", "txType must be one of " + TransactionQuery.TX_TYPES));
        }
        Instant since = instant(from, "from", errors);
        Instant until = instant(to, "to", errors);
        int size = pageSize(errors);
        String after = given(pageAfter);
        String before = given(pageBefore);
        if (after != null && before != null) {
            errors.add(FieldError.invalid("pageBefore", "pageBefore cannot be used with pageAfter"));
        }
        if (!errors.isEmpty()) {
            throw CircleException.validation(errors);
        }
        return new TransactionQuery(
                type,
                wallets(),
                given(blockchain),
                given(destinationAddress),
                given(txHash),
                given(state),
                since,
                until,
                size,
                after,
                before);
    }

    private Set<String> wallets() {
        return walletIds == null
                ? Set.of()
                : Arrays.stream(walletIds.split(","))
                        .map(String::strip)
                        .filter(id -> !id.isEmpty())
                        .collect(Collectors.toUnmodifiableSet());
    }

    private int pageSize(List<FieldError> errors) {
        String size = given(pageSize);
        if (size == null) {
            return TransactionQuery.DEFAULT_PAGE_SIZE;
        }
        try {
            int value = Integer.parseInt(size);
            if (value >= 1 && value <= TransactionQuery.MAX_PAGE_SIZE) {
                return value;
            }
        } catch (NumberFormatException notInteger) {
            // recorded below
        }
        errors.add(FieldError.invalid(
                "pageSize", "pageSize must be an integer from 1 to " + TransactionQuery.MAX_PAGE_SIZE));
        return TransactionQuery.DEFAULT_PAGE_SIZE;
    }

    private static Instant instant(String value, String location, List<FieldError> errors) {
        String given = given(value);
        if (given == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(given).toInstant();
        } catch (DateTimeParseException notDateTime) {
            errors.add(FieldError.invalid(
                    location,
                    location + " must be an ISO-8601 date-time with an offset, such as 2026-11-22T05:30:00Z"));
            return null;
        }
    }

    private static String given(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
