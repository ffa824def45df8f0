package com.stack.funding.withdrawal.domain;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

import com.stack.contracts.chains.EthereumAddress;
import com.stack.contracts.chains.SolanaAddress;
import com.stack.funding.shared.domain.Chain;

/**
 * What a withdrawal request must be before anything is recorded or held (Story 2.4, AC 1 and the review's
 * validation findings): an amount above zero in whole cents within the per-withdrawal limit, an address
 * that is one of the chain's (EIP-55 when an Ethereum address mixes case; 32 bytes of base58 on Solana), and
 * an idempotency key a client can repeat. The per-day limit and the buying power are the app's to check,
 * under the user's balance lock.
 */
public final class WithdrawalRules {

    public static final int USD_DECIMALS = 2;
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private WithdrawalRules() {}

    /** The configured limits, in USD. */
    public record Limits(BigDecimal perWithdrawal, BigDecimal perDay) {}

    /** The result of the checks. */
    public sealed interface Checked permits Valid, Refused {}

    /**
     * A request that passed: the amount at 2 decimals, the address in its one stored spelling (EIP-55 on
     * Ethereum), and the request's fingerprint, to tell a repeat of it from another request under its key.
     */
    public record Valid(BigDecimal amountUsd, Chain chain, String address, String idempotencyKey, String fingerprint)
            implements Checked {}

    /** Why a request is refused: a code clients switch on, the input field at fault and a message for people. */
    public record Refused(String code, String field, String message) implements Checked {}

    public static Checked check(
            BigDecimal amountUsd, Chain chain, String address, String idempotencyKey, Limits limits) {
        if (idempotencyKey == null || !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
            return new Refused(
                    "BAD_USER_INPUT",
                    "idempotencyKey",
                    "idempotencyKey must be 1 to 128 letters, digits, '.', '_', ':' or '-'");
        }
        if (amountUsd == null || amountUsd.signum() <= 0) {
            return new Refused("INVALID_AMOUNT", "amountUsd", "amountUsd must be more than 0");
        }
        if (amountUsd.stripTrailingZeros().scale() > USD_DECIMALS) {
            return new Refused("INVALID_AMOUNT", "amountUsd", "amountUsd has at most 2 decimals (whole cents)");
        }
        if (amountUsd.compareTo(limits.perWithdrawal()) > 0) {
            return new Refused(
                    "WITHDRAWAL_LIMIT_EXCEEDED",
                    "amountUsd",
                    "A withdrawal is at most " + limits.perWithdrawal().toPlainString() + " USD");
        }
        if (chain == null) {
            return new Refused("BAD_USER_INPUT", "chain", "chain is required");
        }
        String trimmed = address == null ? "" : address.strip();
        String stored;
        switch (chain) {
            case ETHEREUM -> {
                if (!EthereumAddress.hasForm(trimmed)) {
                    return SolanaAddress.isValid(trimmed)
                            ? new Refused(
                                    "ADDRESS_CHAIN_MISMATCH",
                                    "address",
                                    "This is a Solana address, not an Ethereum one")
                            : new Refused("INVALID_ADDRESS", "address", "An Ethereum address is 0x and 40 hex digits");
                }
                if (!EthereumAddress.isValid(trimmed)) {
                    return new Refused(
                            "INVALID_ADDRESS_CHECKSUM",
                            "address",
                            "The address mixes upper and lower case but does not match its EIP-55 checksum: check it for a typo");
                }
                stored = EthereumAddress.checksummed(trimmed);
            }
            case SOLANA -> {
                if (EthereumAddress.hasForm(trimmed)) {
                    return new Refused(
                            "ADDRESS_CHAIN_MISMATCH", "address", "This is an Ethereum address, not a Solana one");
                }
                if (!SolanaAddress.isValid(trimmed)) {
                    return new Refused(
                            "INVALID_ADDRESS",
                            "address",
                            "A Solana address is base58 (no 0, O, I or l) decoding to exactly 32 bytes");
                }
                stored = trimmed;
            }
            default -> throw new IllegalStateException("Unknown chain " + chain);
        }
        BigDecimal amount = amountUsd.setScale(USD_DECIMALS);
        return new Valid(amount, chain, stored, idempotencyKey, fingerprint(amount, chain, stored));
    }

    /** SHA-256 (hex) of the request's amount, chain and address: what the same request under one key repeats. */
    static String fingerprint(BigDecimal amount, Chain chain, String address) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((amount.toPlainString() + "|" + chain.column() + "|" + chain.canonical(address))
                            .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
