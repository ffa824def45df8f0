package com.stack.sandbox.circle.notifications.domain;

import java.time.Instant;
import java.util.List;

/**
 * A notification exactly as Circle's v2 webhooks send it: the envelope around one object, shaped by
 * the type ({@code transactions.inbound} and {@code transactions.outbound}: a transaction;
 * {@code payouts}: a payout; {@code transfers}: a business-account transfer, under {@code "transfer"}
 * instead, see {@link #envelope}). Serialised once, when its delivery starts; retries and duplicates
 * send those bytes again.
 *
 * @param notificationId new per notification, the same across retries of its delivery
 * @param timestamp      when the notification was produced (its first delivery attempt)
 */
public record NotificationBody(
        String subscriptionId,
        String notificationId,
        String notificationType,
        Object notification,
        String timestamp,
        int version) {

    public static final String INBOUND = "transactions.inbound";
    public static final String OUTBOUND = "transactions.outbound";
    public static final String PAYOUTS = "payouts";
    public static final String TRANSFERS = "transfers";
    public static final int VERSION = 2;

    /**
     * The body of a notification of {@code type}: a {@link NotificationBody}, except for Circle Mint's
     * {@code transfers}, which carry their object under {@code "transfer"} ({@link TransferBody}).
     */
    public static Object envelope(
            String subscriptionId, String notificationId, String type, Object notification, Instant now) {
        return TRANSFERS.equals(type)
                ? new TransferBody(subscriptionId, notificationId, type, notification, now.toString(), VERSION)
                : of(subscriptionId, notificationId, type, notification, now);
    }

    public static NotificationBody of(
            String subscriptionId, String notificationId, String type, Object notification, Instant now) {
        return new NotificationBody(subscriptionId, notificationId, type, notification, now.toString(), VERSION);
    }

    /** Circle's transaction object of an inbound transfer, in one of its states. */
    public static Transaction inbound(InboundTransaction transaction, String state, Instant now) {
        return new Transaction(
                transaction.id(),
                transaction.blockchain(),
                transaction.tokenId(),
                transaction.walletId(),
                transaction.destinationAddress(),
                List.of(transaction.amount()),
                transaction.txHash(),
                state,
                "INBOUND",
                transaction.createDate().toString(),
                now.toString());
    }

    /** A notification of type "transfers": the same envelope, the business-account transfer under "transfer". */
    public record TransferBody(
            String subscriptionId,
            String notificationId,
            String notificationType,
            Object transfer,
            String timestamp,
            int version) {}

    /** Circle's transaction object of an inbound transfer. */
    public record Transaction(
            String id,
            String blockchain,
            String tokenId,
            String walletId,
            String destinationAddress,
            List<String> amounts,
            String txHash,
            String state,
            String transactionType,
            String createDate,
            String updateDate) {}
}
