package com.stack.sandbox.circle.notifications.domain;

import java.time.Instant;
import java.util.List;

/**
 * A {@code transactions.inbound} notification exactly as Circle's v2 webhooks send it. Serialised
 * once, when its delivery starts; retries and duplicates send those bytes again.
 *
 * @param notificationId new per notification, the same across retries of its delivery
 * @param timestamp      when the notification was produced (its first delivery attempt)
 */
public record NotificationBody(String subscriptionId, String notificationId, String notificationType, Transaction notification,
        String timestamp, int version) {

    public static final String INBOUND = "transactions.inbound";
    public static final int VERSION = 2;

    public static NotificationBody inbound(String subscriptionId, String notificationId, InboundTransaction transaction,
            String state, Instant now) {
        return new NotificationBody(subscriptionId, notificationId, INBOUND, new Transaction(transaction.id(),
                transaction.blockchain(), transaction.tokenId(), transaction.walletId(), transaction.destinationAddress(),
                List.of(transaction.amount()), transaction.txHash(), state, "INBOUND", transaction.createDate().toString(),
                now.toString()), now.toString(), VERSION);
    }

    /** Circle's transaction object of an inbound transfer. */
    public record Transaction(String id, String blockchain, String tokenId, String walletId, String destinationAddress,
            List<String> amounts, String txHash, String state, String transactionType, String createDate, String updateDate) {
    }
}
