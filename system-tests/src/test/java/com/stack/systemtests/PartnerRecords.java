package com.stack.systemtests;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * What the partner sandbox recorded of the money it moved, read through its control API, to tell what moved more than
 * once: transfers from the custody wallets on chain, the brokers' settled moves by the note STACK gives them, the
 * on-ramp's transfers and the orders the brokers received. Blocking: this is test code.
 */
final class PartnerRecords {

    /** The refId of a withdrawal's on-chain transfer attempt, {@code withdrawal-<id>-<attempt>}. */
    static final Pattern TRANSFER_REF = Pattern.compile("withdrawal-([0-9a-f-]{36})-(\\d+)");
    /**
     * A broker move's note: a withdrawal's payout ("withdrawal"), a deposit's funding or a withdrawal's refund
     * ("deposit"), or Due's wire back ("refund of withdrawal").
     */
    static final Pattern BROKER_NOTE =
            Pattern.compile("STACK (withdrawal|deposit|refund of withdrawal) ([0-9a-f-]{36})");

    private final WebClient sandbox;

    PartnerRecords(WebClient sandbox) {
        this.sandbox = sandbox;
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> list(String path, String key) {
        Object found = sandbox.get()
                .uri(path)
                .retrieve()
                .bodyToMono(RunningSuite.JSON)
                .block(Duration.ofMinutes(1))
                .get(key);
        return found == null ? List.of() : (List<Map<String, Object>>) found;
    }

    /** COMPLETE on-chain transfers from the custody wallets, per withdrawal id. */
    Map<String, Integer> completeTransfers() {
        Map<String, Integer> transfers = new HashMap<>();
        for (Map<String, Object> tx : list("/sandbox/circle/transactions", "transactions")) {
            Matcher ref = TRANSFER_REF.matcher(String.valueOf(tx.get("refId")));
            if (ref.matches() && "COMPLETE".equals(tx.get("state"))) {
                transfers.merge(ref.group(1), 1, Integer::sum);
            }
        }
        return transfers;
    }

    /**
     * The brokers' settled moves (DriveWealth deposits and redemptions, Alpaca journals and wires) per note kind
     * ("withdrawal", "deposit", "refund of withdrawal") and then per the id the note names.
     */
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Integer>> settledBrokerMoves() {
        Map<String, Map<String, Integer>> moves = new HashMap<>();
        for (String kind : List.of("redemptions", "deposits")) {
            for (Map<String, Object> move : list("/sandbox/drivewealth/" + kind, kind)) {
                count(
                        moves,
                        move.get("note"),
                        "SUCCESSFUL".equals(((Map<String, Object>) move.get("status")).get("message")));
            }
        }
        for (Map<String, Object> journal : list("/sandbox/alpaca/journals", "journals")) {
            count(moves, journal.get("description"), "executed".equals(journal.get("status")));
        }
        for (Map<String, Object> wire : list("/sandbox/alpaca/transfers", "transfers")) {
            count(moves, wire.get("additional_information"), "COMPLETE".equals(wire.get("status")));
        }
        return moves;
    }

    private static void count(Map<String, Map<String, Integer>> moves, Object note, boolean settled) {
        Matcher matcher = BROKER_NOTE.matcher(String.valueOf(note));
        if (settled && matcher.matches()) {
            moves.computeIfAbsent(matcher.group(1), kind -> new HashMap<>()).merge(matcher.group(2), 1, Integer::sum);
        }
    }

    /** The on-ramp's (Circle Mint's) transfers. */
    List<Map<String, Object>> onRampTransfers() {
        return list("/sandbox/circle/transfers", "transfers");
    }

    /** The orders both brokers received, per client order id (investing's order id), rejected ones included. */
    Map<String, Integer> brokerOrders() {
        Map<String, Integer> orders = new HashMap<>();
        list("/sandbox/market/orders", "orders")
                .forEach(order -> orders.merge(String.valueOf(order.get("clientOrderId")), 1, Integer::sum));
        return orders;
    }
}
