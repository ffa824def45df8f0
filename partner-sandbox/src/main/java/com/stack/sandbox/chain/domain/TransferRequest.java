package com.stack.sandbox.chain.domain;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An inbound transfer to simulate (the body of {@code POST /sandbox/chain/transfers}).
 *
 * @param address the receiving address: a wallet the sandbox's Circle created
 * @param amount  a positive decimal string; any precision (a receiver must refuse what USDC cannot hold itself)
 * @param txHash  optional; generated in the chain's form when absent
 * @param states  optional Circle transaction states to announce, in order; CONFIRMED then COMPLETE by default
 */
public record TransferRequest(String address, String amount, String txHash, List<String> states) {

    public static final List<String> DEFAULT_STATES = List.of("CONFIRMED", "COMPLETE");
    /** Circle's transaction states. */
    public static final Set<String> STATES = Set.of(
            "INITIATED",
            "QUEUED",
            "CLEARED",
            "SENT",
            "CONFIRMED",
            "COMPLETE",
            "FAILED",
            "CANCELLED",
            "DENIED",
            "STUCK");

    static final int MAX_STATES = 10;
    private static final Pattern DECIMAL = Pattern.compile("\\d{1,40}(\\.\\d{1,40})?");
    private static final Pattern TX_HASH = Pattern.compile("[A-Za-z0-9]{1,128}");

    /** The request checked, with its defaults applied (states upper case). */
    public TransferRequest validated() {
        if (address == null || address.isBlank()) {
            throw ChainException.invalid("address", "address is required");
        }
        if (amount == null || !DECIMAL.matcher(amount).matches() || new BigDecimal(amount).signum() <= 0) {
            throw ChainException.invalid("amount", "amount must be a positive decimal string, such as \"125.000000\"");
        }
        if (txHash != null && !TX_HASH.matcher(txHash).matches()) {
            throw ChainException.invalid("txHash", "txHash must be 1 to 128 letters and digits");
        }
        List<String> announced = states == null
                ? DEFAULT_STATES
                : states.stream()
                        .map(state -> state == null ? "" : state.toUpperCase(Locale.ROOT))
                        .toList();
        if (announced.isEmpty() || announced.size() > MAX_STATES || !STATES.containsAll(announced)) {
            throw ChainException.invalid(
                    "states",
                    "states must be 1 to " + MAX_STATES + " of "
                            + STATES.stream().sorted().toList());
        }
        return new TransferRequest(address.strip(), amount, txHash, announced);
    }
}
