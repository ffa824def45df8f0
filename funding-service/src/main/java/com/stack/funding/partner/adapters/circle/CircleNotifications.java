package com.stack.funding.partner.adapters.circle;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import com.stack.funding.deposit.domain.ChainConfirmation;
import com.stack.funding.deposit.domain.OnChainTransfer;
import com.stack.funding.inbox.app.CircleNotificationEnvelopes.Envelope;
import com.stack.funding.inbox.app.MalformedNotificationException;
import com.stack.funding.inbox.domain.InboxOutcome;
import com.stack.funding.shared.domain.Chain;
import com.stack.funding.shared.domain.PayoutReport;
import com.stack.funding.withdrawal.app.WalletTransfers;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Circle's webhook notifications (Wallets API, notification schema version 2), read into this
 * service's terms. Only what STACK relies on is read; every other field is ignored, so additions on
 * Circle's side change nothing.
 *
 * <p>The envelope: {@code notificationId} (stable across Circle's retries of one event),
 * {@code notificationType}, {@code timestamp} (when Circle produced it, ISO-8601), {@code notification}
 * (the object, shaped by the type); {@code subscriptionId} and {@code version} are not used.
 *
 * <p>A {@code transactions.inbound} notification's object is a Circle transaction. Read:
 * {@code id} (Circle's transaction id), {@code blockchain} ({@code ETH}, {@code ETH-SEPOLIA},
 * {@code SOL}, {@code SOL-DEVNET}), {@code tokenId}, {@code destinationAddress}, {@code amounts} (one
 * decimal string for a token transfer), {@code txHash}, {@code state} and {@code errorReason}.
 * Assumed from Circle's documentation: {@code CONFIRMED} (broadcast, awaiting confirmations) and
 * {@code COMPLETE} (confirmations reached) both confirm a deposit here, as the brief decides;
 * {@code INITIATED}, {@code QUEUED}, {@code CLEARED}, {@code SENT} and {@code STUCK} are not final
 * yet; {@code FAILED}, {@code CANCELLED} (also spelled {@code CANCELED}) and {@code DENIED} mean it
 * will not arrive. The API key selects testnets or mainnets, so a deployment sees one of each pair.
 */
public final class CircleNotifications {

    public static final String INBOUND_TRANSACTION = "transactions.inbound";
    /**
     * Circle's payout notifications: the object ({@code notification}, or {@code payout} as Circle's
     * payouts API names it) is a payout. Read: {@code id}, {@code status} ({@code pending}, {@code complete},
     * {@code failed}), {@code amount {amount, currency}} and {@code errorCode} when it failed.
     */
    public static final String PAYOUTS = "payouts";
    /**
     * Circle Mint's business-account transfer notifications (a withdrawal's on-ramp): the object, under
     * {@code transfer}, reads as a payout's does.
     */
    public static final String TRANSFERS = "transfers";
    /**
     * A custody wallet's outbound transaction (a withdrawal's on-chain transfer), one notification per state:
     * {@code id}, {@code state}, {@code txHash} once sent, {@code errorReason} when failed, {@code refId}.
     */
    public static final String OUTBOUND_TRANSACTION = "transactions.outbound";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private CircleNotifications() {}

    /** An inbound transaction's object, read: the transfer and the token moved, or why it is not one to take. */
    public sealed interface InboundReading permits Transfer, NotATransfer {}

    public record Transfer(OnChainTransfer transfer, String tokenId) implements InboundReading {}

    public record NotATransfer(InboxOutcome outcome) implements InboundReading {}

    /** Reads the envelope of a verified body; a {@link MalformedNotificationException} when it is not one. */
    public static Envelope envelope(byte[] body) {
        JsonNode root = tree(body);
        String id = text(root, "notificationId");
        String type = text(root, "notificationType");
        String timestamp = text(root, "timestamp");
        if (id == null
                || id.isBlank()
                || id.length() > 255
                || type == null
                || type.isBlank()
                || type.length() > 128
                || timestamp == null) {
            throw new MalformedNotificationException("notificationId, notificationType and timestamp are required");
        }
        try {
            return new Envelope(id, type, OffsetDateTime.parse(timestamp).toInstant());
        } catch (DateTimeParseException e) {
            throw new MalformedNotificationException("timestamp is not an ISO-8601 date-time");
        }
    }

    /** Reads a stored {@code transactions.inbound} notification. */
    public static InboundReading inboundTransaction(String payload) {
        JsonNode transaction;
        try {
            transaction = tree(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .path("notification");
        } catch (MalformedNotificationException e) {
            return new NotATransfer(InboxOutcome.failed("malformed", e.getMessage()));
        }
        String blockchain = text(transaction, "blockchain");
        Chain chain = chainOf(blockchain);
        if (chain == null) {
            return new NotATransfer(
                    InboxOutcome.ignored("unsupported_blockchain", "unsupported blockchain " + blockchain));
        }
        String state = text(transaction, "state");
        ChainConfirmation confirmation = confirmationOf(state);
        if (confirmation == null) {
            return new NotATransfer(InboxOutcome.ignored("unknown_state", "unknown transaction state " + state));
        }
        String destination = text(transaction, "destinationAddress");
        if (destination == null || destination.isBlank()) {
            return new NotATransfer(InboxOutcome.failed("malformed", "no destinationAddress"));
        }
        JsonNode amounts = transaction.path("amounts");
        if (!amounts.isArray() || amounts.size() != 1 || !amounts.get(0).isString()) {
            return new NotATransfer(InboxOutcome.failed(
                    "invalid_amount",
                    "expected amounts to hold one decimal string, got " + abbreviated(amounts.toString())));
        }
        String txHash = text(transaction, "txHash");
        if (txHash == null || txHash.isBlank()) {
            return confirmation == ChainConfirmation.CONFIRMED
                    ? new NotATransfer(InboxOutcome.failed("malformed", "a " + state + " transaction without txHash"))
                    : new NotATransfer(InboxOutcome.ignored("no_tx_hash_yet", "no txHash yet in state " + state));
        }
        return new Transfer(
                new OnChainTransfer(
                        chain,
                        txHash,
                        destination,
                        amounts.get(0).stringValue(),
                        confirmation,
                        text(transaction, "id"),
                        text(transaction, "errorReason")),
                text(transaction, "tokenId"));
    }

    /** A payouts notification's object, read: the report, or why it is not one to take. */
    public sealed interface PayoutReading permits Payout, NotAPayout {}

    public record Payout(PayoutReport report) implements PayoutReading {}

    public record NotAPayout(InboxOutcome outcome) implements PayoutReading {}

    /** Reads a stored {@code transfers} notification (its object reads as a payout's). */
    public static PayoutReading businessTransfer(String payload) {
        return payout(payload);
    }

    /** An outbound transaction's object, read: the transaction and its tag, or why it is not one to take. */
    public sealed interface OutboundReading permits Outbound, NotOutbound {}

    public record Outbound(WalletTransfers.OnChainTransaction transaction, String refId) implements OutboundReading {}

    public record NotOutbound(InboxOutcome outcome) implements OutboundReading {}

    /** Reads a stored {@code transactions.outbound} notification. */
    public static OutboundReading outboundTransaction(String payload) {
        JsonNode root;
        try {
            root = tree(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (MalformedNotificationException e) {
            return new NotOutbound(InboxOutcome.failed("malformed", e.getMessage()));
        }
        JsonNode transaction = root.path("notification");
        String id = text(transaction, "id");
        if (id == null || id.isBlank()) {
            return new NotOutbound(InboxOutcome.failed("malformed", "an outbound transaction without id"));
        }
        WalletTransfers.State state = outboundStateOf(text(transaction, "state"));
        if (state == null) {
            return new NotOutbound(
                    InboxOutcome.ignored("unknown_state", "unknown transaction state " + text(transaction, "state")));
        }
        return new Outbound(
                new WalletTransfers.OnChainTransaction(
                        id, state, text(transaction, "txHash"), text(transaction, "errorReason")),
                text(transaction, "refId"));
    }

    /** Circle's state of an outbound transaction as the port's; null for one it does not know. */
    public static WalletTransfers.State outboundStateOf(String state) {
        if (state == null) {
            return null;
        }
        return switch (state.toUpperCase(Locale.ROOT)) {
            case "COMPLETE" -> WalletTransfers.State.COMPLETE;
            case "INITIATED", "QUEUED", "CLEARED", "SENT", "CONFIRMED", "STUCK" -> WalletTransfers.State.PENDING;
            case "FAILED", "CANCELLED", "CANCELED", "DENIED" -> WalletTransfers.State.FAILED;
            default -> null;
        };
    }

    /** Reads a stored {@code payouts} notification. */
    public static PayoutReading payout(String payload) {
        JsonNode root;
        try {
            root = tree(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (MalformedNotificationException e) {
            return new NotAPayout(InboxOutcome.failed("malformed", e.getMessage()));
        }
        JsonNode payout = root.path("notification").isObject()
                ? root.path("notification")
                : root.path("transfer").isObject() ? root.path("transfer") : root.path("payout");
        String id = text(payout, "id");
        if (id == null || id.isBlank()) {
            return new NotAPayout(InboxOutcome.failed("malformed", "a payout without id"));
        }
        String status = text(payout, "status");
        PayoutReport.Outcome outcome = status == null
                ? null
                : switch (status.toLowerCase(Locale.ROOT)) {
                    case "pending" -> PayoutReport.Outcome.PENDING;
                    case "complete" -> PayoutReport.Outcome.COMPLETE;
                    case "failed" -> PayoutReport.Outcome.FAILED;
                    default -> null;
                };
        if (outcome == null) {
            return new NotAPayout(InboxOutcome.ignored("unknown_state", "unknown payout status " + status));
        }
        BigDecimal amount = null;
        String text = text(payout.path("amount"), "amount");
        if (text != null) {
            String currency = text(payout.path("amount"), "currency");
            if (!"USD".equals(currency)) {
                return new NotAPayout(InboxOutcome.failed("invalid_amount", "payout " + id + " in " + currency));
            }
            try {
                amount = new BigDecimal(text);
            } catch (NumberFormatException e) {
                return new NotAPayout(InboxOutcome.failed(
                        "invalid_amount", "payout " + id + " amount " + abbreviated(text) + " is not a number"));
            }
        }
        return new Payout(new PayoutReport(id, outcome, amount, text(payout, "errorCode")));
    }

    static Chain chainOf(String blockchain) {
        if (blockchain == null) {
            return null;
        }
        return switch (blockchain.toUpperCase(Locale.ROOT)) {
            case "ETH", "ETH-SEPOLIA" -> Chain.ETHEREUM;
            case "SOL", "SOL-DEVNET" -> Chain.SOLANA;
            default -> null;
        };
    }

    static ChainConfirmation confirmationOf(String state) {
        if (state == null) {
            return null;
        }
        return switch (state.toUpperCase(Locale.ROOT)) {
            case "CONFIRMED", "COMPLETE" -> ChainConfirmation.CONFIRMED;
            case "INITIATED", "QUEUED", "CLEARED", "SENT", "STUCK" -> ChainConfirmation.PENDING;
            case "FAILED", "CANCELLED", "CANCELED", "DENIED" -> ChainConfirmation.FAILED;
            default -> null;
        };
    }

    private static JsonNode tree(byte[] body) {
        try {
            JsonNode root = JSON.readTree(body);
            if (root == null || !root.isObject()) {
                throw new MalformedNotificationException("the body is not a JSON object");
            }
            return root;
        } catch (JacksonException e) {
            throw new MalformedNotificationException("the body is not JSON");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() ? value.stringValue() : null;
    }

    private static String abbreviated(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "..." : text;
    }
}
