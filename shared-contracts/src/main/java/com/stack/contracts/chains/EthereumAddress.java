package com.stack.contracts.chains;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

import org.bouncycastle.crypto.digests.KeccakDigest;

/**
 * Ethereum account addresses: {@code 0x} and 40 hex digits, written with the EIP-55 mixed-case
 * checksum. EIP-55 hashes the lowercase hex digits with Keccak-256 (the original Keccak padding,
 * not the standardised SHA3-256, whose output differs) and upper-cases each letter whose hash
 * nibble at the same position is 8 or more.
 */
public final class EthereumAddress {

    public static final int LENGTH_BYTES = 20;

    private static final Pattern FORM = Pattern.compile("0x[0-9a-fA-F]{40}");
    private static final HexFormat HEX = HexFormat.of();

    private EthereumAddress() {}

    /** The EIP-55 form of a 20-byte account. */
    public static String checksum(byte[] address) {
        if (address == null || address.length != LENGTH_BYTES) {
            throw new IllegalArgumentException("An Ethereum address has " + LENGTH_BYTES + " bytes");
        }
        return checksum(HEX.formatHex(address));
    }

    /** {@code 0x} and 40 hex digits, whatever their case: an Ethereum address, its checksum not looked at. */
    public static boolean hasForm(String address) {
        return address != null && FORM.matcher(address).matches();
    }

    /** The EIP-55 form of an address that {@link #hasForm has the form}. */
    public static String checksummed(String address) {
        if (!hasForm(address)) {
            throw new IllegalArgumentException("Not an Ethereum address: 0x and 40 hex digits");
        }
        return checksum(address.substring(2).toLowerCase(Locale.ROOT));
    }

    /**
     * {@code 0x} and 40 hex digits, and, when the digits mix upper and lower case, exactly the EIP-55
     * form. All-lowercase and all-uppercase addresses carry no checksum and are valid as they are.
     */
    public static boolean isValid(String address) {
        if (address == null || !FORM.matcher(address).matches()) {
            return false;
        }
        String digits = address.substring(2);
        if (digits.equals(digits.toLowerCase(Locale.ROOT)) || digits.equals(digits.toUpperCase(Locale.ROOT))) {
            return true;
        }
        return address.equals(checksum(digits.toLowerCase(Locale.ROOT)));
    }

    private static String checksum(String lowercaseHex) {
        byte[] hash = keccak256(lowercaseHex.getBytes(StandardCharsets.US_ASCII));
        StringBuilder result = new StringBuilder("0x");
        for (int i = 0; i < lowercaseHex.length(); i++) {
            char c = lowercaseHex.charAt(i);
            int nibble = (hash[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0x0f;
            result.append(nibble >= 8 ? Character.toUpperCase(c) : c);
        }
        return result.toString();
    }

    private static byte[] keccak256(byte[] input) {
        KeccakDigest digest = new KeccakDigest(256);
        digest.update(input, 0, input.length);
        byte[] hash = new byte[digest.getDigestSize()];
        digest.doFinal(hash, 0);
        return hash;
    }
}
